using Google.Protobuf;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Protocols;

/// <summary>The refusal rules every comparison run applies to its envelope (session id, batch size), in both engines.</summary>
internal static class RunRules
{
    public const int SessionIdBytes = 16;

    /// <summary>A's inputs: equal, non-empty lengths; a run starts once.</summary>
    public static void CheckStart<TX>(bool started, IReadOnlyList<TX> x, IReadOnlyList<PaillierCiphertext> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (started)
        {
            throw new InvalidOperationException("This evaluator has already started a run; use a new one per batch.");
        }

        if (x.Count != y.Count || x.Count == 0)
        {
            throw new ArgumentException("x and y must be non-empty and of equal length.", nameof(y));
        }
    }

    /// <summary>B, first message: a 16-byte session id and a batch in [1, <paramref name="maxBatchSize"/>]; returns its size.</summary>
    public static int CheckOpening(ByteString sessionId, uint batchSize, int maxBatchSize)
    {
        if (sessionId.Length != SessionIdBytes)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "A session id has 16 bytes.");
        }

        var count = (int)System.Math.Min(batchSize, int.MaxValue);
        if (count < 1)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, "The batch is empty.");
        }

        if (count > maxBatchSize)
        {
            throw new ProtocolException(ProtocolFailure.BatchTooLarge, $"A batch of {count} exceeds this key holder's limit of {maxBatchSize}.");
        }

        return count;
    }

    /// <summary>Every later message: this run's session id and batch size.</summary>
    public static void CheckFollowUp(ByteString sessionId, uint batchSize, ByteString expectedSessionId, int expectedBatchSize)
    {
        if (sessionId != expectedSessionId)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "The message does not belong to this run.");
        }

        if (batchSize != (uint)expectedBatchSize)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"The message is for a batch of {batchSize}, this run has {expectedBatchSize}.");
        }
    }
}
