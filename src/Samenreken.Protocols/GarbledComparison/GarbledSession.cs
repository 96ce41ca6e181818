using System.Collections;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.ObliviousTransfer;
using Samenreken.Cryptography.Paillier;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.GarbledComparison;

/// <summary>What both parties of the garbled comparison derive from the settings and the Paillier key.</summary>
internal sealed class GarbledSession
{
    public const int LabelBytes = 16;

    public GarbledSession(ComparisonSettings settings, PaillierPublicKey paillier, AesBackend aes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(paillier);
        Settings = settings;
        Paillier = paillier;
        Aes = aes;
        Hash = new TweakableHash(aes);
        SlotsPerCiphertext = BlindingSteps.SlotsPerCiphertext(paillier.Bits, settings);
        if (SlotsPerCiphertext < 1)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The Paillier modulus is too small for l + κ.");
        }

        Parameters = new GarbledParameters
        {
            ComparisonBits = (uint)settings.ComparisonBits,
            StatisticalSecurity = (uint)settings.StatisticalSecurity,
            PaillierBits = (uint)paillier.Bits,
            PaillierKeyId = ByteString.CopyFrom(KeyFingerprint.Of(paillier)),
            LabelBits = 128,
            BaseOts = IknpExtension.BaseOts,
            OtGroup = "P-256",
            Hash = "fixed-key AES-128 TCCR (GKWY 2020)",
        };
    }

    public ComparisonSettings Settings { get; }

    public PaillierPublicKey Paillier { get; }

    public AesBackend Aes { get; }

    public TweakableHash Hash { get; }

    /// <summary>Circuit input bits per party and item: l + 1.</summary>
    public int Width => Settings.ComparisonBits + 1;

    public int SlotsPerCiphertext { get; }

    public GarbledParameters Parameters { get; }

    /// <summary>Extended OTs for a batch: one per evaluator input bit, rounded up to a multiple of 128.</summary>
    public int OtCount(int items) => IknpExtension.Padded(items * Width);

    /// <summary>The circuit inputs: v mod 2^(l+1).</summary>
    public ulong CircuitInput(UInt128 value) => (ulong)(value & ((UInt128.One << Width) - 1));

    public static ByteString LabelsToBytes(ReadOnlySpan<UInt128> labels)
        => ByteString.CopyFrom(MemoryMarshal.AsBytes(labels)); // little-endian labels: every .NET target we run on is little-endian

    /// <summary>Reads exactly <paramref name="count"/> labels, or refuses the field.</summary>
    public static UInt128[] LabelsFromBytes(ByteString bytes, int count, string field)
    {
        if (bytes.Length != (long)count * LabelBytes)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"{field} holds {bytes.Length} bytes; {count} labels of {LabelBytes} bytes were expected.");
        }

        return MemoryMarshal.Cast<byte, UInt128>(bytes.Span).ToArray();
    }

    /// <summary>Bit k of byte k/8, least significant first (the order of <see cref="BitArray.CopyTo"/>).</summary>
    public static byte[] PackBits(int count, Func<int, bool> bit)
    {
        var bits = new BitArray(count);
        for (var k = 0; k < count; k++)
        {
            bits[k] = bit(k);
        }

        var bytes = new byte[(count + 7) / 8];
        bits.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Reads <paramref name="count"/> packed bits, refusing a wrong length or set padding bits.</summary>
    public static bool[] UnpackBits(ByteString bytes, int count, string field)
    {
        if (bytes.Length != (count + 7) / 8)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"{field} holds {bytes.Length} bytes; {(count + 7) / 8} were expected.");
        }

        var span = bytes.Span;
        if (count % 8 != 0 && span[^1] >= 1 << (count % 8))
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, $"{field} has bits set beyond the batch.");
        }

        var bits = new bool[count];
        for (var k = 0; k < count; k++)
        {
            bits[k] = (span[k / 8] & (1 << (k % 8))) != 0;
        }

        return bits;
    }
}
