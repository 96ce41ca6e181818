using System.Buffers.Binary;
using System.Security.Cryptography;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.ObliviousTransfer;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// What the OT extension's PRG and the base OTs' KDF compute, against independent oracles (.NET's AES and SHA-256),
/// and the gate tweaks' uniqueness across items. Both parties run the same code, so a PRG that ignores its seed or a
/// KDF that drops a field still gives correct comparisons: only these tests see it.
/// </summary>
public sealed class GarblingAndOtKnownAnswerTests
{
    public static TheoryData<string> Backends => AesBackends.Available;

    [Theory]
    [MemberData(nameof(Backends))]
    public void IknpPrg_IsAesUnderTheSeed_OfTheCounterBlocksOfItsNonce(string backend)
    {
        var aes = AesBackend.FromName(backend);
        var seed = (UInt128.Parse("0f0e0d0c0b0a09080706050403020100", System.Globalization.NumberStyles.HexNumber) << 1) | 1;
        foreach (var nonce in new ulong[] { 0, 1, 0x0123456789abcdef })
        {
            var output = new byte[5 * 16];
            IknpExtension.Expand(aes, seed, nonce, output);
            Assert.Equal(Oracle(seed, nonce, 5), output);
        }

        var other = new byte[16];
        IknpExtension.Expand(aes, seed + 1, 0, other);
        Assert.Equal(Oracle(seed + 1, 0, 1), other);
    }

    /// <summary>AES-128 (System.Security.Cryptography) keyed by the seed's little-endian bytes, over blocks nonce·2^64 + j, little-endian.</summary>
    private static byte[] Oracle(UInt128 seed, ulong nonce, int blocks)
    {
        var key = new byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(key, seed);
        using var aes = Aes.Create();
        aes.Key = key;
        var input = new byte[blocks * 16];
        for (var j = 0; j < blocks; j++)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(input.AsSpan(j * 16, 16), ((UInt128)nonce << 64) + (uint)j);
        }

        return aes.EncryptEcb(input, PaddingMode.None);
    }

    [Fact]
    public void BaseOtKdf_IsSha256OfTheLabelIndexAndThreePoints_CutTo128Bits()
    {
        var s = SimplestOtSender.Create(RandomSource.Secure);
        var receiver = SimplestOtReceiver.Create(1, RandomSource.Secure);
        Assert.True(receiver.TryRespond(s.Message, UInt128.Zero, out var r, out _));
        Assert.True(SimplestOt.TryDecode(r, out var shared));

        foreach (var index in new[] { 0, 7, 0x01020304 })
        {
            var index32 = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(index32, index);
            var digest = SHA256.HashData([.. "Samenreken simplest OT v1"u8, .. index32, .. s.Message, .. r, .. shared.GetEncoded(compressed: true)]);

            Assert.Equal(BinaryPrimitives.ReadUInt128LittleEndian(digest), SimplestOt.Kdf(index, s.Message, r, shared));
        }
    }

    [Fact]
    public void EveryGateOfEveryItem_HasItsOwnTweak_SoEqualLabelsGiveDifferentTables()
    {
        // Two items with the same input labels: only the gate tweaks tell their tables apart. A tweak used twice under
        // one Δ would let the evaluator combine the two tables.
        var hash = new TweakableHash(AesBackend.Managed);
        const int width = 4;
        var gates = ComparisonCircuit.TableBlocks(width);
        var labels = Enumerable.Range(1, width).Select(i => (UInt128)(uint)(i * 0x1111)).ToArray();
        UInt128[] twice = [.. labels, .. labels];
        var tables = new UInt128[2 * gates];

        ComparisonCircuit.Garble(hash, UInt128.One << 7 | 1, width, twice, twice, tables, new UInt128[2]);
        var firstItem = tables[..gates];
        var secondItem = tables[gates..];
        Assert.NotEqual(firstItem, secondItem);

        // A later batch under the same Δ starts at its own first gate: its tables differ from the first batch's too.
        var later = new UInt128[2 * gates];
        ComparisonCircuit.Garble(hash, UInt128.One << 7 | 1, width, twice, twice, later, new UInt128[2], firstGate: 1UL << 32);
        Assert.NotEqual(tables, later);
    }
}
