using CsCheck;
using Samenreken.Domain;

namespace Samenreken.Domain.Tests;

public class BsnTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData("999993847")]
    [InlineData("000000012")]
    [InlineData(" 999990639 ")]
    public void Parse_KnownValidNumbers_RoundTrip(string text)
    {
        var bsn = Bsn.Parse(text);
        Assert.Equal(text.Trim(), bsn.ToString());
    }

    [Theory]
    [InlineData("000000000")] // passes the arithmetic, is no number
    [InlineData("123456789")] // fails the 11-test
    [InlineData("12345678")]
    [InlineData("1234567820")]
    [InlineData("12345678a")]
    [InlineData("")]
    [InlineData("-23456782")]
    public void TryParse_InvalidNumbers_AreRejected(string text)
    {
        Assert.False(Bsn.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Bsn.Parse(text));
    }

    [Fact]
    public void AboutOneInElevenNumbersPass()
    {
        var valid = 0;
        for (var i = 100_000_000; i < 100_110_000; i++)
        {
            valid += Bsn.TryFromInt32(i, out _) ? 1 : 0;
        }

        Assert.InRange(valid, 9_900, 10_100);
    }
}

public class MoneyTests
{
    [Theory]
    [InlineData("1234.56", 123456)]
    [InlineData("-12.3", -1230)]
    [InlineData("7", 700)]
    [InlineData("0.05", 5)]
    [InlineData("-0.01", -1)]
    public void TryParse_Amounts(string text, long cents)
    {
        Assert.True(Money.TryParse(text, out var money));
        Assert.Equal(cents, money.Cents);
    }

    [Theory]
    [InlineData("12,50")]
    [InlineData("1.234")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("12.")]
    [InlineData("€12")]
    public void TryParse_BadAmounts_AreRejected(string text) => Assert.False(Money.TryParse(text, out _));

    [Fact]
    public void ToString_RoundTrips() =>
        Gen.Long[-10_000_000_000, 10_000_000_000].Sample(cents =>
            Assert.Equal(cents, Money.Parse(Money.FromCents(cents).ToString()).Cents));

    [Fact]
    public void Addition_Overflow_Throws() =>
        Assert.Throws<OverflowException>(() => Money.FromCents(long.MaxValue) + Money.FromCents(1));
}
