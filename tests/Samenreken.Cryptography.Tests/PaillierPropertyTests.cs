using System.Numerics;
using CsCheck;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Cryptography.Tests;

/// <summary>The homomorphic laws and the signed encoding, as properties over random plaintexts (512-bit keys).</summary>
public sealed class PaillierPropertyTests
{
    private const int Iterations = 40;

    private static (PaillierPublicKey Public, PaillierPrivateKey Private, BigInteger N) Key(string backend)
    {
        var pair = TestKeys.Small(backend);
        return (pair.PublicKey, pair.PrivateKey, pair.PublicKey.N.ToBigInteger());
    }

    private static BigNumber Residue(PaillierPublicKey key, BigInteger value) => key.Backend.FromBigInteger(value);

    [Theory, BothBackends]
    public void Decrypt_OfEveryEncryptionPath_ReturnsThePlaintext(string backend)
    {
        var (pub, priv, n) = Key(backend);
        var random = TestKeys.Random();
        Gens.Residue(n).Sample(m =>
        {
            var plaintext = Residue(pub, m);
            Assert.Equal(m, priv.Decrypt(pub.Encrypt(plaintext, random)).ToBigInteger());
            Assert.Equal(m, priv.Decrypt(pub.EncryptWithFullRandomness(plaintext, random)).ToBigInteger());
            Assert.Equal(m, priv.Decrypt(priv.EncryptWithCrt(plaintext, random)).ToBigInteger());
        }, iter: Iterations);
    }

    [Theory, BothBackends]
    public void PackDifferences_IsThePackOfTheDifferences_SlotBySlot(string backend)
    {
        var (pub, priv, _) = Key(backend);
        var random = TestKeys.Random();
        const int slotBits = 40;
        var maxSlots = (pub.Bits - 1) / slotBits;

        // Small non-negative differences in every slot but the top one, which may be negative (it has no slot above to borrow from).
        Gen.Int[1, maxSlots].SelectMany(k => Gen.Select(Gen.Long[0, 1L << 30].Array[k], Gen.Long[0, 1L << 29].Array[k])).Sample((a, b) =>
        {
            PaillierCiphertext[] x = [.. a.Select(v => (PaillierCiphertext)pub.Encrypt(Residue(pub, v + (1L << 29)), random))];
            PaillierCiphertext[] y = [.. b.Select(v => (PaillierCiphertext)pub.Encrypt(Residue(pub, v), random))];
            var expected = BigInteger.Zero;
            for (var k = a.Length - 1; k >= 0; k--)
            {
                expected = (expected << slotBits) + (a[k] + (1L << 29) - b[k]);
            }

            var packed = pub.PackDifferences(x, y, slotBits);
            Assert.Equal(expected, priv.Decrypt(packed).ToBigInteger());
            Assert.Equal(priv.Decrypt(pub.Pack([.. x.Zip(y, pub.Subtract)], slotBits)), priv.Decrypt(packed));
            Assert.Equal(a[0] + (1L << 29), priv.DecryptSigned(x[0])); // the inputs are left as they were
            Assert.Equal(b[^1], priv.DecryptSigned(y[^1]));
        }, iter: 20);
    }

    [Theory, BothBackends]
    public void PackDifferences_RefusesMismatchedEmptyForeignOrNonUnitInput(string backend)
    {
        var (pub, priv, _) = Key(backend);
        var random = TestKeys.Random();
        var other = TestKeys.Small(backend, seed: 99).PublicKey;
        PaillierCiphertext one = pub.Encrypt(Residue(pub, 1), random);
        PaillierCiphertext foreign = other.Encrypt(other.Backend.FromInt64(1), random);

        Assert.Equal("subtrahends", Assert.Throws<ArgumentOutOfRangeException>(() => pub.PackDifferences([one, one], [one], 8)).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => pub.PackDifferences([], [], 8));
        Assert.Equal("minuends", empty.ParamName);
        Assert.StartsWith("Nothing to pack.", empty.Message, StringComparison.Ordinal);
        Assert.Equal("slotBits", Assert.Throws<ArgumentOutOfRangeException>(() => pub.PackDifferences([one, one], [one, one], 0)).ParamName);
        Assert.Equal("slotBits", Assert.Throws<ArgumentOutOfRangeException>(() => pub.PackDifferences([one, one], [one, one], pub.Bits)).ParamName);

        // Two slots fit in the Bits − 1 bits of a plaintext when each has (Bits − 1) / 2 bits, not when they fill Bits.
        Assert.Equal("slotBits", Assert.Throws<ArgumentOutOfRangeException>(() => pub.PackDifferences([one, one], [one, one], (pub.Bits + 1) / 2)).ParamName);
        Assert.Equal(BigInteger.Zero, priv.Decrypt(pub.PackDifferences([one, one], [one, one], (pub.Bits - 1) / 2)).ToBigInteger());
        Assert.Equal("minuends", Assert.Throws<ArgumentException>(() => pub.PackDifferences([one, foreign], [one, one], 8)).ParamName);
        Assert.Equal("subtrahends", Assert.Throws<ArgumentException>(() => pub.PackDifferences([one, one], [one, foreign], 8)).ParamName);

        // p is no unit mod n²: refused like Negate refuses it, with the same code.
        var nonUnit = PaillierCiphertext.Derived(pub, priv.P);
        var packRefusal = Assert.Throws<CryptoValidationException>(() => pub.PackDifferences([one, one], [one, nonUnit], 8));
        Assert.Equal(ValidationFailure.CiphertextNotUnit, packRefusal.Failure);
        Assert.Equal("A ciphertext is not invertible modulo n².", packRefusal.Message);
        var negateRefusal = Assert.Throws<CryptoValidationException>(() => pub.Negate(nonUnit));
        Assert.Equal(ValidationFailure.CiphertextNotUnit, negateRefusal.Failure);
        Assert.Equal("The ciphertext is not invertible modulo n².", negateRefusal.Message);
        Assert.Equal(BigInteger.Zero, priv.DecryptSigned(pub.PackDifferences([one, one], [one, one], 8))); // the twin: units pass
    }

    [Fact]
    public void Add_DecryptsToTheSumModN()
    {
        var (pub, priv, n) = Key("gmp");
        var random = TestKeys.Random();
        Gen.Select(Gens.Residue(n), Gens.Residue(n)).Sample((a, b) =>
        {
            var sum = pub.Add(pub.Encrypt(Residue(pub, a), random), pub.Encrypt(Residue(pub, b), random));
            Assert.Equal((a + b) % n, priv.Decrypt(sum).ToBigInteger());
            var plainSum = pub.AddPlain(pub.Encrypt(Residue(pub, a), random), Residue(pub, b));
            Assert.Equal((a + b) % n, priv.Decrypt(plainSum).ToBigInteger());
        }, iter: Iterations);
    }

    [Fact]
    public void MultiplyPlain_ByAResidue_DecryptsToTheProductModN()
    {
        var (pub, priv, n) = Key("gmp");
        var random = TestKeys.Random();
        Gen.Select(Gens.Residue(n), Gens.Residue(n)).Sample((m, k) =>
            Assert.Equal(m * k % n, priv.Decrypt(pub.MultiplyPlain(pub.Encrypt(Residue(pub, m), random), Residue(pub, k))).ToBigInteger()),
            iter: Iterations);
    }

    [Fact]
    public void MultiplyPlain_BySignedScalars_IncludingNegativeOnes_MultipliesSignedValues()
    {
        var (pub, priv, _) = Key("gmp");
        var random = TestKeys.Random();
        Gen.Select(Gen.Long, Gen.Long).Sample((value, scalar) =>
        {
            var product = pub.MultiplyPlain(pub.Encrypt((BigInteger)value, random), (BigInteger)scalar);
            Assert.Equal((BigInteger)value * scalar, priv.DecryptSigned(product));
        }, iter: Iterations);
        Assert.Equal(-7, priv.DecryptSigned(pub.MultiplyPlain(pub.Encrypt((BigInteger)7, random), BigInteger.MinusOne)));
        Assert.Equal(0, priv.DecryptSigned(pub.MultiplyPlain(pub.Encrypt((BigInteger)7, random), BigInteger.Zero)));
    }

    [Fact]
    public void NegateAndSubtract_DecryptToSignedDifferences()
    {
        var (pub, priv, _) = Key("gmp");
        var random = TestKeys.Random();
        var max = pub.Encoding.MaxMagnitude;
        Gen.Select(Gens.SignedPlaintext(max / 2), Gens.SignedPlaintext(max / 2)).Sample((a, b) =>
        {
            var ca = pub.Encrypt(a, random);
            var cb = pub.Encrypt(b, random);
            Assert.Equal(-a, priv.DecryptSigned(pub.Negate(ca)));
            Assert.Equal(a - b, priv.DecryptSigned(pub.Subtract(ca, cb)));
            Assert.Equal(a + b, priv.DecryptSigned(pub.Add(ca, cb)));
        }, iter: Iterations);
    }

    [Fact]
    public void Rerandomize_KeepsThePlaintext_AndChangesTheCiphertext()
    {
        var (pub, priv, n) = Key("gmp");
        var random = TestKeys.Random();
        Gens.Residue(n).Sample(m =>
        {
            var original = pub.Encrypt(Residue(pub, m), random);
            var derived = pub.AddPlain(original, pub.Backend.Zero);
            var fresh = pub.Rerandomize(derived, random);
            Assert.Equal(m, priv.Decrypt(fresh).ToBigInteger());
            Assert.NotEqual(original.Value, fresh.Value);
            Assert.NotEqual(derived.Value, fresh.Value);
        }, iter: Iterations);
    }

    [Fact]
    public void Encrypt_TwiceWithTheSamePlaintext_GivesDifferentCiphertexts()
    {
        var (pub, _, _) = Key("gmp");
        var random = TestKeys.Random();
        var m = pub.Backend.FromInt64(5);
        Assert.NotEqual(pub.Encrypt(m, random).Value, pub.Encrypt(m, random).Value);
        Assert.NotEqual(pub.EncryptWithFullRandomness(m, random).Value, pub.EncryptWithFullRandomness(m, random).Value);
    }

    [Fact]
    public void SignedEncoding_RoundTripsTheWholeRange_AndRejectsValuesBeyondIt()
    {
        var encoding = Key("gmp").Public.Encoding;
        var max = encoding.MaxMagnitude;
        Gens.SignedPlaintext(max).Sample(v => Assert.Equal(v, encoding.Decode(encoding.Encode(v))), iter: 200);
        Assert.Equal(max, encoding.Decode(encoding.Encode(max)));
        Assert.Equal(-max, encoding.Decode(encoding.Encode(-max)));
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => encoding.Encode(max + 1)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => encoding.Encode(-max - 1)).ParamName);
    }

    [Fact]
    public void SignedEncoding_DetectsOverflowOfAHomomorphicSum()
    {
        var (pub, priv, _) = Key("gmp");
        var random = TestKeys.Random();
        var max = pub.Encoding.MaxMagnitude;
        var overflowed = pub.Add(pub.Encrypt(max, random), pub.Encrypt(max, random));
        Assert.False(pub.Encoding.TryDecode(priv.Decrypt(overflowed), out _));
        Assert.Throws<OverflowException>(() => priv.DecryptSigned(overflowed));

        // Broken twin: the same sum one step inside the range decodes.
        var inRange = pub.Add(pub.Encrypt(max, random), pub.Encrypt(-max, random));
        Assert.Equal(0, priv.DecryptSigned(inRange));
    }
}
