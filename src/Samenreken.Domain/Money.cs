using System.Globalization;

namespace Samenreken.Domain;

/// <summary>
/// An amount in euros held as a whole number of cents. Arithmetic is checked: an overflow throws
/// rather than wrapping. Amounts may be negative (a correction can lower an earlier payment).
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    private Money(long cents) => Cents = cents;

    /// <summary>The amount in euro cents.</summary>
    public long Cents { get; }

    /// <summary>Zero euros.</summary>
    public static Money Zero => default;

    /// <summary>An amount of <paramref name="cents"/> euro cents.</summary>
    public static Money FromCents(long cents) => new(cents);

    /// <summary>
    /// Parses untrusted decimal text in euros with at most two decimals and a '.' separator
    /// ("1234.56", "-12.3", "7"); no thousands separators, no exponent, no currency sign.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Money money)
    {
        money = default;
        text = text.Trim();
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        var negative = text[0] == '-';
        var digits = negative ? text[1..] : text;
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? [] : digits[(dot + 1)..];
        if (whole.IsEmpty || fraction.Length > 2 || (dot >= 0 && fraction.IsEmpty) || whole.Length > 15)
        {
            return false;
        }

        long cents = 0;
        foreach (var c in whole)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            cents = (cents * 10) + (c - '0');
        }

        for (var i = 0; i < 2; i++)
        {
            var c = i < fraction.Length ? fraction[i] : '0';
            if (c is < '0' or > '9')
            {
                return false;
            }

            cents = (cents * 10) + (c - '0');
        }

        money = new Money(negative ? -cents : cents);
        return true;
    }

    /// <summary>Parses trusted text (parameter files in this repository); throws <see cref="FormatException"/>.</summary>
    public static Money Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var money) ? money : throw new FormatException($"'{text}' is not an amount in euros with at most two decimals.");
    }

    /// <summary>Writes the amount as euros with two decimals and a '.' separator, e.g. "-12.30".</summary>
    public override string ToString()
    {
        var abs = Math.Abs(Cents);
        var sign = Cents < 0 ? "-" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100}.{abs % 100:D2}");
    }

    public static Money operator +(Money left, Money right) => new(left.Cents + right.Cents);

    public static Money operator -(Money left, Money right) => new(left.Cents - right.Cents);

    public static Money operator -(Money value) => new(-value.Cents);

    public bool Equals(Money other) => Cents == other.Cents;

    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    public override int GetHashCode() => Cents.GetHashCode();

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    public static bool operator ==(Money left, Money right) => left.Equals(right);

    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    public static bool operator <(Money left, Money right) => left.Cents < right.Cents;

    public static bool operator >(Money left, Money right) => left.Cents > right.Cents;

    public static bool operator <=(Money left, Money right) => left.Cents <= right.Cents;

    public static bool operator >=(Money left, Money right) => left.Cents >= right.Cents;
}
