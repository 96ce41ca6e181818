using System.Buffers.Binary;
using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>Export and resume of the evaluator between two rounds, so a node can survive a crash mid-batch.</summary>
public sealed partial class ComparisonEvaluator
{
    /// <summary>
    /// The state between two rounds: the session id and the secret blinding values (r, δ_A, later ρ) plus the
    /// high parts B sent. <b>Secret</b>: whoever holds it and B's messages learns the comparison's inputs' differences;
    /// a node seals it before it touches a disk. Only between rounds of a started, unfinished batch; the encrypted
    /// results are not part of it, so a resumed evaluator offers <see cref="Results"/> but not <see cref="EncryptedResults"/>.
    /// </summary>
    public byte[] ExportState()
    {
        if (_stage is Stage.Ready or Stage.Completed)
        {
            throw new InvalidOperationException("Only a started, unfinished batch has a state to export.");
        }

        var blinds = new byte[_blinds.Length * 16];
        for (var k = 0; k < _blinds.Length; k++)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(blinds.AsSpan(k * 16, 16), _blinds[k]);
        }

        return new EvaluatorState
        {
            SessionId = _sessionId,
            Stage = (uint)_stage,
            OutputMode = (uint)_mode,
            Blinds = UnsafeByteOperations.UnsafeWrap(blinds),
            DeltaA = UnsafeByteOperations.UnsafeWrap(StateBits.Pack(_deltaA)),
            Rho = UnsafeByteOperations.UnsafeWrap(StateBits.Pack(_rho)),
            HighParts = _highPartsWire,
        }.ToByteArray();
    }

    /// <summary>
    /// An evaluator in the state <paramref name="state"/> (from <see cref="ExportState"/> under the same settings and
    /// keys), ready for B's next message. The state comes from the node's own sealed store; a malformed one throws
    /// <see cref="ProtocolException"/> (<see cref="ProtocolFailure.MalformedMessage"/>).
    /// </summary>
    public static ComparisonEvaluator Resume(ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey dgk, RandomSource random, ReadOnlySpan<byte> state)
    {
        var evaluator = new ComparisonEvaluator(settings, paillier, dgk, random);
        EvaluatorState parsed;
        try
        {
            parsed = EvaluatorState.Parser.ParseFrom(state);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The evaluator state does not parse: " + e.Message);
        }

        var stage = (Stage)parsed.Stage;
        var count = parsed.Blinds.Length / 16;
        if (stage is not (Stage.AwaitingEncryptedBits or Stage.AwaitingZeroTestResults or Stage.AwaitingRevealedBits)
            || parsed.SessionId.Length != 16 || count < 1 || parsed.Blinds.Length % 16 != 0
            || parsed.DeltaA.Length != (count + 7) / 8
            || !Enum.IsDefined((ComparisonOutputMode)parsed.OutputMode))
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The evaluator state is not one this evaluator exports.");
        }

        var blinds = new UInt128[count];
        for (var k = 0; k < count; k++)
        {
            blinds[k] = BinaryPrimitives.ReadUInt128LittleEndian(parsed.Blinds.Span.Slice(k * 16, 16));
        }

        evaluator._sessionId = parsed.SessionId;
        evaluator._stage = stage;
        evaluator._mode = (ComparisonOutputMode)parsed.OutputMode;
        evaluator._blinds = blinds;
        evaluator._deltaA = StateBits.Unpack(parsed.DeltaA.Span, count);
        if (stage == Stage.AwaitingZeroTestResults)
        {
            evaluator._highParts = CiphertextCodec.ReadPaillier(parsed.HighParts, count, paillier, "high_parts");
            evaluator._highPartsWire = parsed.HighParts;
        }

        if (stage == Stage.AwaitingRevealedBits)
        {
            if (parsed.Rho.Length != (count + 7) / 8)
            {
                throw new ProtocolException(ProtocolFailure.MalformedMessage, "The evaluator state lacks its output masks.");
            }

            evaluator._rho = StateBits.Unpack(parsed.Rho.Span, count);
        }

        return evaluator;
    }
}

/// <summary>Bits packed least significant first, for exported states.</summary>
internal static class StateBits
{
    public static byte[] Pack(bool[] bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        for (var k = 0; k < bits.Length; k++)
        {
            if (bits[k])
            {
                bytes[k >> 3] |= (byte)(1 << (k & 7));
            }
        }

        return bytes;
    }

    public static bool[] Unpack(ReadOnlySpan<byte> bytes, int count)
    {
        var bits = new bool[count];
        for (var k = 0; k < count; k++)
        {
            bits[k] = ((bytes[k >> 3] >> (k & 7)) & 1) != 0;
        }

        return bits;
    }
}
