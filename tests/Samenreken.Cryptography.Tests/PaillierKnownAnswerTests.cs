using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// Known answers computed independently by tools/kat/paillier_kat.py: Python's built-in integers only, textbook
/// λ/μ decryption instead of our CRT, and the wire format written out byte by byte. The script's output is pasted
/// below unchanged (regenerate with <c>python3 tools/kat/paillier_kat.py</c>) and parsed by the tests.
/// </summary>
public sealed partial class PaillierKnownAnswerTests
{
    private const string ScriptOutput = """
        P = 0xf4b0e4e27a3d37d6a3a8f0c1bb5d9c5b0d3f2e1a4c6b8d0f2e4a6c8e0a2c4e6b
        Q = 0xd1c3e5f7092b4d6f81a3c5e7f9b1d3f5a7c9e1b3d5f7092b4d6f8a1c3e5f7311
        N = 0xc87fa9699a7e20daa9eb3013a24375af3d4c6e9dfb9b955b8695d4471b949f3e9d12384cf6166a85905f18918a69e4a68a3921b6571880805f64c72397e0461b
        Y = 0x123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        H_S = 0x1ed89747d2e4c0d137a29d3b08b49f2207aba7a591fe8b8db9ee2100010a64144aa8f5593087c963654e2ae0a4e76c0edc1758758fb3d7debd69d5cf20b749305b4af7c4be29fdfba6b30595f91b011f7c64fae850b6e6f1b6bf996f654fbc40e66cbbcef677b6cc2256c35dbdab33c23ade5d071b04b245f8dbe955daed56fc
        ALPHA = 0x8aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef
        H_S_POW_ALPHA = 0x581420e7d598fa64ac9f9069885eb9997fda788cf7d7eb92f433284f10e1f6ac9380ab201d737e98af48558865d054b89e54a8c41f17cf307637a99c31e304356e434dd8455dbe5a2539a7b2c44042b00894a99bbefa102a515bd67408cc945ef6783397f56ce89f782a279d0a7120f2f2984901c44f2b064e6c3d1d2fa0de9e
        ENC[0]: m = 0x0, r = 0x2, c = 0x99a069e8767433cf37637b56ccb4baf20c4bfef2617ebcf7d740f2657ecd06716386383f5cc0eaaae25e6b0b384d328a23e794a21f31588cf521ca64d7f2318b3d8fff1ff9ab4147e4813761554b9ae625e9988fdab6b5c7b4e0cd90f1ba659002ea901aa896f906bd757d0a400b81c21d1ff9f11b94bf97c5dc7ffae2c526b2
        ENC[1]: m = 0x1, r = 0x3, c = 0x50939ef1c181d027460f937df8710d349112d01c981012443c5f8c5c0b3b235446b49b6dd81aea338b06e005831a1e6cd21e3e1087d65669708edd428ac2a3cedc79ffea192ea867c266328acc80ef2653805fd5e9f8d4ba03c8595b3b20578bdf416d0bc07a0f4164ab6509fddf2168ee8c98208e4a3b72b3fa70d342372312
        ENC[2]: m = 0x2a, r = 0x10001, c = 0x215beea02f25d1d0334cd34c0aa1c70c435a85a39ed9d4dcdf8e3d2ba1298e6beb1656a3cae89f86c1e79ab4e311a21627a9c2b19cd6493fbe1fc98359efd179107bd38d04de9eb58c00053ce2efea2a354daa8c3e67505bf112014b9c4be6e1295f6e3f05e7ee4ea58bd9f6979ea7f6601b195b64d0d45d8ced007d79cf5a1a
        ENC[3]: m = 0xc87fa9699a7e20daa9eb3013a24375af3d4c6e9dfb9b955b8695d4471b949f3e9d12384cf6166a85905f18918a69e4a68a3921b6571880805f64c72397e0461a, r = 0x1234567890abcdef, c = 0x87afe041d8097bf2cd273e592966d5d24e88eb7d421c8c6f3c2cdf1190cf710d7044a6590720f5b57475be8111f439a1fe28da053df28bba55c85ec4950d035e8e95db0c42606180926c70fd09d6379c34ae407ce4b2019ed36218803929cd0b8355b9b4a264cc6fc9080fa83565956c39f473fb2c3bbf3c4a48563c418baec0
        ENC[4]: m = 0x1f2e3d4c5b6a79880102030405060708, r = 0xc87fa9699a7e20daa9eb3013a24375af3d4c6e9dfb9b955b8695d4471b949f3e9d12384cf6166a85905f18918a69e4a68a3921b6571880805f64c72397e04619, c = 0x2f5e82531c52c80ecdfe500810c55b4ee25b911903f14c9c4292b55c9858592e4138423f4e3abb909b9b168a7ef0791aa9d599fb17e4acc2e5e3e1c7fa21fce9fd586da887a0557ea70cd06babb2b31070c7a3cd3c22b82c3a45134b8bd43b8faf3b58ce58f03c526ab88d47cf63a0a900ee33071ab3fadb154b4a2077208f19
        ENC_DJN(42, ALPHA) = 0x1cb21c57d19cba6e78afc1f33429bb715599efdb1a647c0332c591155e51863e0fd0d3aaf7ab0d2fe49a0c075f155bf586b7266c61ac72e07f9d420ad515edd5133f1d453103cb67cab9800feeef9a271bb54e4b597bca498fc636eca9761a3846a40195c606b676c90eb7d2a3d9ff5d1267cc592105a55b8f6f9243abe034e7
        ADD(ENC[2], ENC[4]) = 0x449b3dcc3f4bbe38183299c984f81289dd0f00360dac37a596c37a6ac904068d8189ac9c7698685b8792672f81ee4508f768a647083df52ea70b3415bb779686967dd394856aef18fa7a67c92e9db9275efd9f03eeee6622db03e69c46bac53800c6b62a53481df5cbda0b3361645231d1867ced8d8de06df53c9840162ebc44, decrypts to 0x1f2e3d4c5b6a79880102030405060732
        MUL(ENC[2], 0xdeadbeef) = 0x1a8cdd8a6aa8c3f376ee795c7cc8c06183550d7fb8fcc196a385c6b923747dadfc1e7c71b04228ba735e83b00076158a2ec85ef02d956e99e05a18a821afc3c2558f6d1bdf7e3fe02571348a321f44ca4fa628e40f088fcacbd6440f18950b1317ae760116efa2c0d23420bf14c4b962e2abc71ccffae613b9df75f04ead8c29, decrypts to 0x2488815336
        NEG(ENC[2]) = 0x2486815adca0fd63841bacda8b1e579bd9d9871ee2090afae15b886fde73028aa767960d1c2b1b089ee2e52ed84cc64eb506a99ce427762a2b2c3cc442a25d98d0ab609838474cbbd967981ce6942b62d0e3104f2344f7801787420e33bba1422914ffabb5ef996f64c101b8ebe0569dc8c084e39476a7be6cfe137c983d6b7c, decrypts to 0xc87fa9699a7e20daa9eb3013a24375af3d4c6e9dfb9b955b8695d4471b949f3e9d12384cf6166a85905f18918a69e4a68a3921b6571880805f64c72397e045f1
        PUBLIC_KEY_BLOB = 534d524b01010200c87fa9699a7e20daa9eb3013a24375af3d4c6e9dfb9b955b8695d4471b949f3e9d12384cf6166a85905f18918a69e4a68a3921b6571880805f64c72397e0461b1ed89747d2e4c0d137a29d3b08b49f2207aba7a591fe8b8db9ee2100010a64144aa8f5593087c963654e2ae0a4e76c0edc1758758fb3d7debd69d5cf20b749305b4af7c4be29fdfba6b30595f91b011f7c64fae850b6e6f1b6bf996f654fbc40e66cbbcef677b6cc2256c35dbdab33c23ade5d071b04b245f8dbe955daed56fc
        PRIVATE_KEY_BLOB = 534d524b01020200f4b0e4e27a3d37d6a3a8f0c1bb5d9c5b0d3f2e1a4c6b8d0f2e4a6c8e0a2c4e6bd1c3e5f7092b4d6f81a3c5e7f9b1d3f5a7c9e1b3d5f7092b4d6f8a1c3e5f73111ed89747d2e4c0d137a29d3b08b49f2207aba7a591fe8b8db9ee2100010a64144aa8f5593087c963654e2ae0a4e76c0edc1758758fb3d7debd69d5cf20b749305b4af7c4be29fdfba6b30595f91b011f7c64fae850b6e6f1b6bf996f654fbc40e66cbbcef677b6cc2256c35dbdab33c23ade5d071b04b245f8dbe955daed56fc
        CIPHERTEXT_ENVELOPE(ENC[2]) = 534d524b0103020092c917318c1d7d4ea18d7bb1dcc6a168215beea02f25d1d0334cd34c0aa1c70c435a85a39ed9d4dcdf8e3d2ba1298e6beb1656a3cae89f86c1e79ab4e311a21627a9c2b19cd6493fbe1fc98359efd179107bd38d04de9eb58c00053ce2efea2a354daa8c3e67505bf112014b9c4be6e1295f6e3f05e7ee4ea58bd9f6979ea7f6601b195b64d0d45d8ced007d79cf5a1a
        """;

    private static readonly Dictionary<string, string> s_values = ScriptOutput
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(" = ", 2))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private static BigInteger Hex(string value)
        => BigInteger.Parse("0" + value.Split(',')[0].Trim().Replace("0x", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static BigInteger Value(string name) => Hex(s_values[name]);

    private static (PaillierPublicKey Public, PaillierPrivateKey Private) Key(MathBackend b)
    {
        var publicKey = PaillierPublicKey.Create(b.FromBigInteger(Value("N")), b.FromBigInteger(Value("H_S")), KeySizePolicy.InsecureForTests);
        return (publicKey, PaillierPrivateKey.Create(publicKey, b.FromBigInteger(Value("P")), b.FromBigInteger(Value("Q"))));
    }

    [GeneratedRegex(@"^ENC\[(\d+)\]: m = (0x[0-9a-f]+), r = (0x[0-9a-f]+), c = (0x[0-9a-f]+)$", RegexOptions.Multiline)]
    private static partial Regex EncryptionLine();

    [Theory, BothBackends]
    public void Encryption_WithFixedRandomness_MatchesTheScript(string backend)
    {
        var b = MathBackend.FromName(backend);
        var (pub, priv) = Key(b);
        var matches = EncryptionLine().Matches(ScriptOutput);
        Assert.Equal(5, matches.Count);
        foreach (Match match in matches)
        {
            var m = b.FromBigInteger(Hex(match.Groups[2].Value));
            var rToN = b.ModPow(b.FromBigInteger(Hex(match.Groups[3].Value)), pub.N, pub.NSquared);
            var expected = Hex(match.Groups[4].Value);
            var ciphertext = pub.Encrypt(m, new PaillierRandomizer(pub, rToN));
            Assert.Equal(expected, ciphertext.Value.ToBigInteger());
            Assert.Equal(m, priv.Decrypt(pub.ImportCiphertext(b.FromBigInteger(expected))));
        }
    }

    [Theory, BothBackends]
    public void DjnRandomizer_FixedBaseTable_MatchesTheScript(string backend)
    {
        var b = MathBackend.FromName(backend);
        var (pub, priv) = Key(b);
        Assert.Equal(160, pub.ShortExponentBits); // 2 × 80-bit security for a 512-bit test modulus
        var table = b.CreateFixedBase(pub.RandomizerBase, pub.NSquared, 224);
        var randomizer = table.Pow(b.FromBigInteger(Value("ALPHA")));
        Assert.Equal(Value("H_S_POW_ALPHA"), randomizer.ToBigInteger());
        var m = b.FromInt64(42);
        var ciphertext = pub.Encrypt(m, new PaillierRandomizer(pub, randomizer));
        Assert.Equal(Value("ENC_DJN(42, ALPHA)"), ciphertext.Value.ToBigInteger());
        Assert.Equal(m, priv.Decrypt(ciphertext));

        // h_s = (−y²)^n mod n², as key generation computes it.
        var y = b.FromBigInteger(Value("Y"));
        var minusYSquared = b.Mod(b.Subtract(b.Zero, b.Multiply(y, y)), pub.N);
        Assert.Equal(pub.RandomizerBase, b.ModPow(minusYSquared, pub.N, pub.NSquared));
    }

    [Theory, BothBackends]
    public void HomomorphicOperations_MatchTheScript(string backend)
    {
        var b = MathBackend.FromName(backend);
        var (pub, priv) = Key(b);
        var matches = EncryptionLine().Matches(ScriptOutput);
        var c2 = pub.ImportCiphertext(b.FromBigInteger(Hex(matches[2].Groups[4].Value)));
        var c4 = pub.ImportCiphertext(b.FromBigInteger(Hex(matches[4].Groups[4].Value)));
        AssertVector("ADD(ENC[2], ENC[4])", pub.Add(c2, c4), priv);
        AssertVector("MUL(ENC[2], 0xdeadbeef)", pub.MultiplyPlain(c2, b.FromInt64(0xDEADBEEF)), priv);
        AssertVector("NEG(ENC[2])", pub.Negate(c2), priv);
    }

    private static void AssertVector(string name, PaillierCiphertext actual, PaillierPrivateKey key)
    {
        var parts = s_values[name].Split(", decrypts to ");
        Assert.Equal(Hex(parts[0]), actual.Value.ToBigInteger());
        Assert.Equal(Hex(parts[1]), key.Decrypt(actual).ToBigInteger());
    }

    [Theory, BothBackends]
    public void WireFormat_MatchesTheScriptByteForByte(string backend)
    {
        var b = MathBackend.FromName(backend);
        var (pub, priv) = Key(b);
        Assert.Equal(Convert.FromHexString(s_values["PUBLIC_KEY_BLOB"]), pub.Export());
        Assert.Equal(Convert.FromHexString(s_values["PRIVATE_KEY_BLOB"]), priv.ExportUnencrypted());
        var c2 = pub.ImportCiphertext(b.FromBigInteger(Hex(EncryptionLine().Matches(ScriptOutput)[2].Groups[4].Value)));
        Assert.Equal(Convert.FromHexString(s_values["CIPHERTEXT_ENVELOPE(ENC[2])"]), FreshPaillierCiphertext.Create(pub, c2.Value).Export());
        Assert.Equal(pub, PaillierPublicKey.Import(Convert.FromHexString(s_values["PUBLIC_KEY_BLOB"]), KeySizePolicy.InsecureForTests, b));
    }
}
