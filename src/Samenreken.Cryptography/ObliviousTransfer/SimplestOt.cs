using System.Buffers.Binary;
using IncrementalHash = System.Security.Cryptography.IncrementalHash;
using HashAlgorithmName = System.Security.Cryptography.HashAlgorithmName;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Samenreken.Cryptography.Randomness;
using EcScalar = Org.BouncyCastle.Math.BigInteger;

namespace Samenreken.Cryptography.ObliviousTransfer;

/// <summary>
/// The "simplest OT" of Chou and Orlandi (LATINCRYPT 2015) on NIST P-256 (prime order, cofactor 1), as base OTs for
/// the IKNP extension. Sender: S = a·G. Receiver, per OT i with choice c_i: R_i = c_i·S + b_i·G and
/// k_(c_i) = KDF(i, S, R_i, b_i·S). Sender: k_0 = KDF(i, S, R_i, a·R_i), k_1 = KDF(i, S, R_i, a·R_i − a·S).
/// Points travel compressed (33 bytes) and are validated on arrival (on the curve, not the point at infinity).
/// The KDF is SHA-256 over a label, the index and the three points, cut to 128 bits (the seeds of the extension PRG).
/// </summary>
public static class SimplestOt
{
    public const int PointBytes = 33;

    internal static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256r1");

    private static readonly FixedPointCombMultiplier s_baseMultiplier = new();

    private static ReadOnlySpan<byte> KdfLabel => "Samenreken simplest OT v1"u8;

    /// <summary>A uniform scalar in [1, n) by rejection from 256 CSPRNG bits.</summary>
    internal static EcScalar RandomScalar(RandomSource random)
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            random.Fill(bytes);
            var candidate = new EcScalar(1, bytes);
            if (IsScalar(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The rejection rule of <see cref="RandomScalar"/>: k in [1, n). Apart, since a 256-bit draw falls outside with probability about 2^−32.</summary>
    internal static bool IsScalar(EcScalar k) => k.SignValue > 0 && k.CompareTo(Curve.N) < 0;

    internal static ECPoint MultiplyBase(EcScalar scalar) => s_baseMultiplier.Multiply(Curve.G, scalar).Normalize();

    internal static byte[] Encode(ECPoint point) => point.GetEncoded(compressed: true);

    /// <summary>Decodes a compressed point; false when it is not a point of the curve or is the point at infinity.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> encoded, out ECPoint point)
    {
        point = Curve.Curve.Infinity;
        if (encoded.Length != PointBytes)
        {
            return false;
        }

        if (encoded[0] != 2 && encoded[0] != 3)
        {
            return false; // only the compressed forms
        }

        try
        {
            point = Curve.Curve.DecodePoint(encoded.ToArray());
            // Stryker disable once Logical : a 33-byte compressed encoding never decodes to infinity, and P-256 (cofactor 1) points decoded from x are valid
            return !point.IsInfinity && point.IsValid();
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static UInt128 Kdf(int index, ReadOnlySpan<byte> s, ReadOnlySpan<byte> r, ECPoint shared)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> indexBytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(indexBytes, index);
        sha.AppendData(KdfLabel);
        sha.AppendData(indexBytes);
        sha.AppendData(s);
        sha.AppendData(r);
        sha.AppendData(Encode(shared.Normalize()));
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}

/// <summary>The sender of the base OTs (in the garbled comparison: the evaluator A, who then receives the extended OTs).</summary>
public sealed class SimplestOtSender
{
    private readonly EcScalar _a;
    private readonly ECPoint _aS;

    private SimplestOtSender(EcScalar a)
    {
        _a = a;
        var s = SimplestOt.MultiplyBase(a);
        Message = SimplestOt.Encode(s);
        _aS = s.Multiply(a).Normalize();
    }

    /// <summary>S = a·G, compressed.</summary>
    public byte[] Message { get; }

    public static SimplestOtSender Create(RandomSource random) => new(SimplestOt.RandomScalar(random));

    /// <summary><b>Secret</b>: the scalar a (32 bytes, big-endian), for a host that must survive a crash between the two messages; it seals it.</summary>
    public byte[] ExportSecret()
    {
        var raw = _a.ToByteArrayUnsigned();
        var secret = new byte[32];
        raw.CopyTo(secret, 32 - raw.Length);
        return secret;
    }

    /// <summary>The sender of <see cref="ExportSecret"/>; false when the bytes are not a scalar in [1, n).</summary>
    public static bool TryImport(ReadOnlySpan<byte> secret, out SimplestOtSender? sender)
    {
        sender = null;
        if (secret.Length != 32)
        {
            return false;
        }

        var a = new EcScalar(1, secret);
        if (a.SignValue <= 0 || a.CompareTo(SimplestOt.Curve.N) >= 0)
        {
            return false;
        }

        sender = new SimplestOtSender(a);
        return true;
    }

    /// <summary>Both keys of every OT from the receiver's points; false (keys untouched) when any point is invalid.</summary>
    public bool TryDeriveKeys(ReadOnlySpan<byte> receiverMessages, Span<UInt128> keys0, Span<UInt128> keys1)
    {
        var count = keys0.Length;
        if (receiverMessages.Length != count * SimplestOt.PointBytes || keys1.Length != count)
        {
            return false;
        }

        var points = new ECPoint[count];
        for (var i = 0; i < count; i++)
        {
            if (!SimplestOt.TryDecode(receiverMessages.Slice(i * SimplestOt.PointBytes, SimplestOt.PointBytes), out points[i]))
            {
                return false;
            }
        }

        var encoded = receiverMessages.ToArray();
        var k0 = new UInt128[count];
        var k1 = new UInt128[count];
        Parallel.For(0, count, i =>
        {
            var r = encoded.AsSpan(i * SimplestOt.PointBytes, SimplestOt.PointBytes);
            var aR = points[i].Multiply(_a).Normalize();
            k0[i] = SimplestOt.Kdf(i, Message, r, aR);
            k1[i] = SimplestOt.Kdf(i, Message, r, aR.Subtract(_aS));
        });
        k0.CopyTo(keys0);
        k1.CopyTo(keys1);
        return true;
    }
}

/// <summary>The receiver of the base OTs (the garbler B, whose choice bits are its secret Δ).</summary>
public sealed class SimplestOtReceiver
{
    private readonly EcScalar[] _b;
    private readonly ECPoint[] _bG;

    private SimplestOtReceiver(EcScalar[] b)
    {
        _b = b;
        _bG = new ECPoint[b.Length];
        Parallel.For(0, b.Length, i => _bG[i] = SimplestOt.MultiplyBase(b[i]));
    }

    public int Count => _b.Length;

    /// <summary>Offline: the scalars b_i and the points b_i·G, before the sender's S is known.</summary>
    public static SimplestOtReceiver Create(int count, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new([.. Enumerable.Range(0, count).Select(_ => SimplestOt.RandomScalar(random))]);
    }

    /// <summary>
    /// R_i = c_i·S + b_i·G for the choice bits (bit i of <paramref name="choices"/>, least significant first) and the
    /// chosen keys; false when S is not a valid point. Both candidate points are computed and one selected without a
    /// branch on the choice bit.
    /// </summary>
    public bool TryRespond(ReadOnlySpan<byte> senderMessage, UInt128 choices, out byte[] messages, out UInt128[] keys)
    {
        messages = [];
        keys = [];
        if (Count > 128 || !SimplestOt.TryDecode(senderMessage, out var s))
        {
            return false;
        }

        var sBytes = senderMessage.ToArray();
        var output = new byte[Count * SimplestOt.PointBytes];
        var chosen = new UInt128[Count];
        Parallel.For(0, Count, i =>
        {
            var r0 = SimplestOt.Encode(_bG[i]);
            var r1 = SimplestOt.Encode(_bG[i].Add(s).Normalize());
            var mask = (byte)(0 - (byte)((choices >> i) & UInt128.One));
            var r = output.AsSpan(i * SimplestOt.PointBytes, SimplestOt.PointBytes);
            for (var j = 0; j < r.Length; j++)
            {
                r[j] = (byte)((r0[j] & ~mask) | (r1[j] & mask));
            }

            chosen[i] = SimplestOt.Kdf(i, sBytes, r, s.Multiply(_b[i]));
        });
        messages = output;
        keys = chosen;
        return true;
    }
}
