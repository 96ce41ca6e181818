using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>The pure steps of <see cref="VeugenSteps"/> on their own, where the two-party runs cannot reach a case.</summary>
public sealed class SecureComparisonStepTests
{
    [Fact]
    public void ZeroTest_SaysZero_WhenAnyTermIsZero_AlsoWhenSeveralAre()
    {
        // An honest evaluator's terms hold at most one zero; a dishonest one may send more, and δ_B must still be
        // "some term is zero" (an OR), not the parity of the zeros.
        var dgk = ComparisonKeys.Small("gmp", 16).Dgk;
        var key = dgk.PublicKey;
        DgkCiphertext Enc(ulong value) => key.Encrypt(value, RandomSource.Secure);

        Assert.False(VeugenSteps.ZeroTest(dgk.PrivateKey, [Enc(1), Enc(2), Enc(3)]));
        Assert.True(VeugenSteps.ZeroTest(dgk.PrivateKey, [Enc(1), Enc(0), Enc(3)]));
        Assert.True(VeugenSteps.ZeroTest(dgk.PrivateKey, [Enc(0), Enc(0), Enc(3)]));
        Assert.True(VeugenSteps.ZeroTest(dgk.PrivateKey, [Enc(0), Enc(0), Enc(0)]));
        Assert.False(VeugenSteps.ZeroTest(dgk.PrivateKey, []));
    }
}
