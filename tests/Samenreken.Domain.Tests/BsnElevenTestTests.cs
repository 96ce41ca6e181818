using System.Globalization;
using CsCheck;
using Samenreken.Domain;

namespace Samenreken.Domain.Tests;

/// <summary>
/// Bsn against an independent oracle: the 11-test computed from the nine printed digits
/// (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11), sharing no code with <see cref="Bsn.CheckDigit"/>, plus the edges of
/// every factory and the ordering operators.
/// </summary>
public sealed class BsnElevenTestTests
{
    private static bool PassesElevenTest(string nineDigits)
    {
        var sum = -(nineDigits[8] - '0');
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (nineDigits[i] - '0');
        }

        return sum % 11 == 0;
    }

    private static bool IsRealBsn(string nineDigits) => PassesElevenTest(nineDigits) && nineDigits != "000000000";

    [Fact]
    public void TryParseAndTryFromInt32_AgreeWithTheOracle_ForEveryLastDigit() =>
        Gen.Int[0, 99_999_999].Sample(prefix =>
        {
            for (var d = 0; d <= 9; d++)
            {
                var value = (prefix * 10) + d;
                var text = value.ToString("D9", CultureInfo.InvariantCulture);
                var expected = IsRealBsn(text);

                Assert.Equal(expected, Bsn.TryParse(text, out var parsed));
                Assert.Equal(expected, Bsn.TryFromInt32(value, out var fromInt));
                Assert.Equal(expected ? value : 0, parsed.Value);
                Assert.Equal(expected ? value : 0, fromInt.Value);
            }
        });

    [Fact]
    public void CheckDigit_IsTheDigitThatPassesTheOracle_OrMinusOneWhenNoneDoes() =>
        Gen.Int[0, 99_999_999].Sample(prefix =>
        {
            var digits = prefix.ToString("D8", CultureInfo.InvariantCulture);
            var passing = Enumerable.Range(0, 10).Where(d => PassesElevenTest(digits + (char)('0' + d))).ToList();

            Assert.True(passing.Count <= 1);
            Assert.Equal(passing.Count == 1 ? passing[0] : -1, Bsn.CheckDigit(prefix));
        });

    [Theory]
    [InlineData(0, 0)] // 000000000 passes the arithmetic; the factories refuse it, not CheckDigit
    [InlineData(12345678, 2)] // 9+16+21+24+25+24+21+16 = 156 ≡ 2
    [InlineData(11122233, 3)] // 69 ≡ 3
    [InlineData(99999999, 0)] // 9·44 = 396 ≡ 0
    [InlineData(10000000, 9)]
    [InlineData(10000001, 0)] // 9 + 2 = 11 ≡ 0
    [InlineData(5, -1)] // 2·5 = 10: no digit d with 10 − d ≡ 0
    public void CheckDigit_HandComputedPrefixes(int prefix, int expected) => Assert.Equal(expected, Bsn.CheckDigit(prefix));

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000_000)]
    [InlineData(int.MinValue)]
    public void CheckDigit_PrefixOutsideEightDigits_Throws(int prefix)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Bsn.CheckDigit(prefix));

    [Theory]
    [InlineData(0)] // 000000000 passes the arithmetic, is no number
    [InlineData(-123456782)]
    [InlineData(int.MinValue)]
    [InlineData(1_234_567_820)] // ten digits whose first nine would pass
    [InlineData(int.MaxValue)]
    public void TryFromInt32_ValuesThatAreNoBsn_AreRefusedWithDefault(int value)
    {
        Assert.False(Bsn.TryFromInt32(value, out var bsn));
        Assert.Equal(default, bsn);
    }

    [Theory]
    [InlineData(12)] // 000000012, the smallest
    [InlineData(999_999_990)] // the largest
    [InlineData(123_456_782)]
    public void TryFromInt32_EdgesOfTheRange_AreAccepted(int value)
    {
        Assert.True(Bsn.TryFromInt32(value, out var bsn));
        Assert.Equal(value, bsn.Value);
    }

    [Theory]
    [InlineData("/23456782")] // the characters just below '0' and above '9'
    [InlineData(":23456782")]
    [InlineData("12345678/")]
    [InlineData("12345678:")]
    [InlineData("123 56782")]
    [InlineData("１23456782")] // a full-width digit is no ASCII digit
    public void TryParse_NineCharactersThatAreNotAllAsciiDigits_AreRefused(string text)
    {
        Assert.False(Bsn.TryParse(text, out var bsn));
        Assert.Equal(default, bsn);
    }

    [Fact]
    public void TryParse_Null_IsRefused_AndParseThrowsArgumentNull()
    {
        Assert.False(Bsn.TryParse((string?)null, out var bsn));
        Assert.Equal(default, bsn);
        Assert.Throws<ArgumentNullException>(() => Bsn.Parse(null!));
    }

    [Fact]
    public void Parse_Refusal_SaysWhatABsnIs() =>
        Assert.Contains("11-test", Assert.Throws<FormatException>(() => Bsn.Parse("123456789")).Message, StringComparison.Ordinal);

    [Fact]
    public void TryParse_Span_TrimsWhiteSpace()
    {
        Assert.True(Bsn.TryParse("\t123456782\n".AsSpan(), out var bsn));
        Assert.Equal(123_456_782, bsn.Value);
    }

    [Fact]
    public void EqualityAndOrder_FollowTheNumber()
    {
        var low = Bsn.Parse("000000012");
        var high = Bsn.Parse("123456782");
        var highAgain = Bsn.Parse("123456782");

        Assert.True(high == highAgain);
        Assert.False(high != highAgain);
        Assert.True(low != high);
        Assert.False(low == high);
        Assert.True(high.Equals((object)highAgain));
        Assert.False(high.Equals((object)low));
        Assert.False(high.Equals("123456782"));
        Assert.Equal(high.GetHashCode(), highAgain.GetHashCode());
        Assert.NotEqual(low.GetHashCode(), high.GetHashCode());
        Assert.True(low < high);
        Assert.False(high < low);
        Assert.False(high < highAgain);
        Assert.True(high > low);
        Assert.False(low > high);
        Assert.False(high > highAgain);
        Assert.True(low <= high);
        Assert.True(high <= highAgain);
        Assert.False(high <= low);
        Assert.True(high >= low);
        Assert.True(high >= highAgain);
        Assert.False(low >= high);
        Assert.True(low.CompareTo(high) < 0);
        Assert.Equal(0, high.CompareTo(highAgain));
    }
}
