using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>The key-size policy's boundaries and what its refusals say, each refusal with the twin it lets through.</summary>
public sealed class KeySizePolicyTests
{
    [Fact]
    public void InsecurePolicy_AllowsWholeBytesFrom256Bits_AndProductionOnlyTheThreeSizes()
    {
        Assert.True(KeySizePolicy.InsecureForTests.AllowsInsecureSizes);
        Assert.False(KeySizePolicy.Production.AllowsInsecureSizes);
        Assert.True(KeySizePolicy.InsecureForTests.IsAllowed(256));
        Assert.True(KeySizePolicy.InsecureForTests.IsAllowed(264));
        Assert.False(KeySizePolicy.InsecureForTests.IsAllowed(248));
        Assert.False(KeySizePolicy.InsecureForTests.IsAllowed(260));
        Assert.False(KeySizePolicy.Production.IsAllowed(256));
        Assert.False(KeySizePolicy.Production.IsAllowed(1024));
    }

    [Theory]
    [InlineData(2048, true)]
    [InlineData(3071, true)]
    [InlineData(3072, false)]
    [InlineData(4096, false)]
    public void IsDeprecated_BelowTheDefault(int bits, bool deprecated) => Assert.Equal(deprecated, KeySizePolicy.IsDeprecated(bits));

    [Theory]
    [InlineData(4096, 152)]
    [InlineData(4095, 128)]
    [InlineData(3072, 128)]
    [InlineData(2048, 112)]
    [InlineData(2047, 80)]
    public void SecurityBits_FollowNistSp800_57(int modulusBits, int securityBits) => Assert.Equal(securityBits, KeySizePolicy.SecurityBits(modulusBits));

    [Fact]
    public void EnsureAllowed_NamesTheSizeAndTheSizesItAllows()
    {
        KeySizePolicy.Production.EnsureAllowed(3072);
        var requested = 1024;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KeySizePolicy.Production.EnsureAllowed(requested));

        // A size to generate is the caller's choice: the standard exception, naming the caller's argument.
        Assert.Equal("requested", error.ParamName);
        Assert.Equal(1024, error.ActualValue);
        Assert.Contains("A 1024-bit modulus is not allowed; use 3072 (default), 2048 or 4096 bits.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSecure_UnderProduction_RefusesASeededSourceAndAVariableTimeBackend_SayingWhy()
    {
        var seeded = new InsecureSeededRandomSource(1);
        var random = Assert.Throws<ArgumentException>(() => KeySizePolicy.Production.EnsureSecure(seeded));
        Assert.Equal("seeded", random.ParamName);
        Assert.Contains("need a cryptographically secure randomness source", random.Message, StringComparison.Ordinal);

        var backend = Assert.Throws<ArgumentException>(() => KeySizePolicy.Production.EnsureSecure(MathBackend.Managed));
        Assert.Equal("MathBackend.Managed", backend.ParamName);
        Assert.Contains($"The {MathBackend.Managed.Name} math backend has no constant-time exponentiation", backend.Message, StringComparison.Ordinal);

        // The twins: the secure source always passes, and the insecure policy lets both through.
        KeySizePolicy.Production.EnsureSecure(RandomSource.Secure);
        KeySizePolicy.InsecureForTests.EnsureSecure(seeded);
        KeySizePolicy.InsecureForTests.EnsureSecure(MathBackend.Managed);
    }
}
