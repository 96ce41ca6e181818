using System.Globalization;
using Samenreken.Cryptography.Garbling;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// The AES permutation, the tweakable hash, one half-gates AND gate and one comparison circuit against vectors computed
/// independently by tools/kat/garbling_kat.py (a hand-written AES in plain Python, itself checked against FIPS-197).
/// Every test runs on each AES backend the machine has.
/// </summary>
public sealed class GarblingKnownAnswerTests
{
    public static TheoryData<string> Backends => AesBackends.Available;

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aes_Fips197AppendixC1(string backend)
    {
        var cipher = AesBackend.FromName(backend).CreateCipher(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"));
        var block = new UInt128[] { FromBytes("00112233445566778899aabbccddeeff") };

        cipher.Encrypt(block, block);

        Assert.Equal(FromBytes("69c4e0d86a7b0430d8cdb78070b4c55a"), block[0]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void FixedKeyPermutation_MatchesIndependentVectors(string backend)
    {
        var hash = new TweakableHash(AesBackend.FromName(backend));
        (string X, string Pi)[] vectors =
        [
            ("0x00000000000000000000000000000000", "0x44BF12D3E9D5F8F2382C2EE3AE8082CA"),
            ("0x00000000000000000000000000000001", "0x99FBC69B236F0F8C522EE01D7143FD0F"),
            ("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "0x0E6A1C16092E3449F43C6BC4768B5002"),
            ("0x0123456789ABCDEFFEDCBA9876543210", "0xEEA5BC48983906D24572B487D4AD472F"),
        ];
        var input = vectors.Select(v => Hex(v.X)).ToArray();
        var output = new UInt128[input.Length];

        hash.Permute(input, output);

        Assert.Equal(vectors.Select(v => Hex(v.Pi)), output);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void TweakableHash_MatchesIndependentVectors(string backend)
    {
        var hash = new TweakableHash(AesBackend.FromName(backend));
        (string X, string Tweak, string H)[] vectors =
        [
            ("0x00000000000000000000000000000000", "0x00000000000000000000000000000000", "0x1CB840125A9394E1D3B5E1FB06D27A6C"),
            ("0x00000000000000000000000000000000", "0x00000000000000000000000000000001", "0x50C609545AB86815C080D94B05B0D681"),
            ("0x00000000000000000000000000000001", "0x00000000000000000000000000000000", "0xA00B3E1B883407B9C6FAC623011AA420"),
            ("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "0x00000000000000000000000000000007", "0xF54385DDD1973996F0F889C502924CC4"),
            ("0x0123456789ABCDEFFEDCBA9876543210", "0x000000000000000000000000000007D1", "0x0F69D722B60904ECD85438EBDE3F52EA"),
        ];
        var output = new UInt128[vectors.Length];

        hash.Hash(vectors.Select(v => Hex(v.X)).ToArray(), vectors.Select(v => Hex(v.Tweak)).ToArray(), output);

        Assert.Equal(vectors.Select(v => Hex(v.H)), output);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void HalfGatesAnd_MatchesIndependentVector(string backend)
    {
        var hash = new TweakableHash(AesBackend.FromName(backend));
        var delta = Hex("0x5C9B9E6580B8ADC495F8CDFF10944A4F");
        UInt128[] tg = [0], te = [0], w0 = [0];

        HalfGates.Garble(hash, delta, [Hex("0x18F179423AA3650D9EE50D02DF95114E")], [Hex("0x19D5D848B5F208E8BE3A025E960B2CC0")], [5UL], tg, te, w0);

        Assert.Equal(Hex("0xA8B51515B6BFE04E84D81D5DD0C13B02"), tg[0]);
        Assert.Equal(Hex("0x78665C47DB8334339B1842BFA481CF80"), te[0]);
        Assert.Equal(Hex("0xA9869F3C81070D8941498BE9C4C82FC1"), w0[0]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ComparisonCircuit_MatchesIndependentVector(string backend)
    {
        var hash = new TweakableHash(AesBackend.FromName(backend));
        var delta = Hex("0x5C9B9E6580B8ADC495F8CDFF10944A4F");
        UInt128[] garbler = [.. "0x642A6541D46CBAF6DAE58E9DF80E1BF2, 0x0FB8FAC18B42933D80934E16F6301471, 0x87BF2613E9369D05E648FC8C664B2F4D, 0x449990AC420183943E1E88A01A872139, 0x672AAA1CDB6C0D29672E9FE929BC74C8".Split(", ").Select(Hex)];
        UInt128[] evaluator = [.. "0xFFD6D50CD3B84C20D11AE126A2E7885C, 0xAE47F04ACA4E81A7327DEC7EDFC45C8B, 0x6DF15532863D064B7A5EBFF8C0090FAC, 0x778890483526FA6F938081A313FCF7CE, 0x0962C0D40D7D66EDA866144B12779744".Split(", ").Select(Hex)];
        var tables = new UInt128[8];
        var output = new UInt128[1];

        ComparisonCircuit.Garble(hash, delta, 5, garbler, evaluator, tables, output);

        Assert.Equal(
            "0xEFF0E890ACA4EA15864208D75DC40127, 0x9D6BD42F49C00EEA37A81719601A195C, 0xA102927E34142E1165A10246F29801F0, 0x18F9F7657C4AB48328657F961923B528, 0xDF73BDEA5F4C831DC317DB1761B9EA23, 0xBA42EBF5150047B9396F0EE2258FB9BD, 0xFF419FEBE7146076279FBFB37A46E2FE, 0xF3DE229769B8AC4961DB03656B259194".Split(", ").Select(Hex),
            tables);
        Assert.Equal(Hex("0x3739314495DCACDA90098C8E5E680F6B"), output[0]);
    }

    internal static UInt128 Hex(string value) => UInt128.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>A block from its 16 AES state bytes (FIPS-197 order), i.e. little-endian.</summary>
    private static UInt128 FromBytes(string hex) => System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(Convert.FromHexString(hex));
}

/// <summary>The AES backends this machine has: managed always, AES-NI when the processor has it.</summary>
internal static class AesBackends
{
    public static TheoryData<string> Available
    {
        get
        {
            var data = new TheoryData<string> { "managed" };
            if (AesBackend.Hardware is not null)
            {
                data.Add("aes-ni");
            }

            return data;
        }
    }
}
