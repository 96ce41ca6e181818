using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

public sealed class DgkKeyHolderRandomizerTests
{
    [Theory, BothBackends]
    public void CrtRandomizer_LiesInTheSubgroupOfH_AndEncryptsLikeThePublicOne(string backend)
    {
        var b = MathBackend.FromName(backend);
        var pair = DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(21), b);
        var key = pair.PublicKey;
        var secret = pair.PrivateKey;

        for (var i = 0; i < 20; i++)
        {
            var randomizer = secret.NewRandomizer(RandomSource.Secure).Take();

            // In ⟨h⟩ = Z_(v_p) × Z_(v_q): killed by v_p mod p and by v_q mod q.
            Assert.Equal(b.One, b.ModPow(b.Mod(randomizer, secret.P), secret.Vp, secret.P));
            Assert.Equal(b.One, b.ModPow(b.Mod(randomizer, secret.Q), secret.Vq, secret.Q));
            Assert.True(secret.IsZero(key.EncryptBit(false, new DgkRandomizer(key, randomizer))));
            Assert.Equal(1UL, secret.DecryptSmall(key.EncryptBit(true, new DgkRandomizer(key, randomizer)), 1));
        }
    }

    [Fact]
    public void CrtRandomizer_IsNotConstant()
    {
        var pair = DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(22), MathBackend.Gmp!);

        var values = Enumerable.Range(0, 50).Select(_ => pair.PrivateKey.NewRandomizer(RandomSource.Secure).Take().ToBigInteger()).ToHashSet();

        Assert.Equal(50, values.Count);
    }

    [Fact]
    public void ElementOutsideTheSubgroup_FailsTheSameCheck()
    {
        // Broken twin of the membership check above: g has order u·v_p·v_q, so g itself is not in ⟨h⟩.
        var b = MathBackend.Gmp!;
        var pair = DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(23), b);
        var secret = pair.PrivateKey;

        Assert.NotEqual(b.One, b.ModPow(b.Mod(pair.PublicKey.G, secret.P), secret.Vp, secret.P));
    }
}
