using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison.Wire;
using Google.Protobuf;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>Export and resume of the key holder between two rounds (no secret: session id, batch size, round).</summary>
public sealed partial class ComparisonKeyHolder
{
    /// <summary>The state between two rounds; it holds no secret (the keys are the node's own).</summary>
    public byte[] ExportState()
        => new KeyHolderState { SessionId = _sessionId, Stage = (uint)_stage, OutputMode = (uint)_mode, BatchSize = (uint)_batchSize }.ToByteArray();

    /// <summary>
    /// A key holder in the state <paramref name="state"/> (from <see cref="ExportState"/>), with its counters at zero:
    /// a node adds each round's counts to its own per-run totals. A malformed state throws <see cref="ProtocolException"/>.
    /// </summary>
    public static ComparisonKeyHolder Resume(
        ComparisonSettings settings, PaillierPrivateKey paillier, DgkPrivateKey dgk, RandomSource random, int maxBatchSize, ReadOnlySpan<byte> state)
    {
        var holder = new ComparisonKeyHolder(settings, paillier, dgk, random, maxBatchSize);
        KeyHolderState parsed;
        try
        {
            parsed = KeyHolderState.Parser.ParseFrom(state);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The key holder state does not parse: " + e.Message);
        }

        var stage = (Stage)parsed.Stage;
        if (!Enum.IsDefined(stage) || (stage != Stage.AwaitingBlindedDifferences && (parsed.SessionId.Length != 16 || parsed.BatchSize < 1 || parsed.BatchSize > maxBatchSize)))
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The key holder state is not one this key holder exports.");
        }

        holder._sessionId = parsed.SessionId;
        holder._stage = stage;
        holder._mode = (ComparisonOutputMode)parsed.OutputMode;
        holder._batchSize = (int)parsed.BatchSize;
        return holder;
    }
}
