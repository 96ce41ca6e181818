using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Samenreken.Domain;

/// <summary>
/// A burgerservicenummer: nine ASCII digits that pass the BSN 11-test
/// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11), never 000000000.
/// </summary>
/// <remarks>
/// Stored as a number but always printed with nine digits, because older numbers start with a zero.
/// The value carries no information about the person; it is only a key. <c>default(Bsn)</c> is not a
/// valid number (it prints as 000000000); every factory rejects it, and the models refuse it.
/// </remarks>
public readonly struct Bsn : IEquatable<Bsn>, IComparable<Bsn>
{
    private readonly int _value;

    private Bsn(int value)
    {
        Debug.Assert(IsValid(value));
        _value = value;
    }

    /// <summary>The nine-digit number as an integer (leading zeros lost; use <see cref="ToString"/> to print).</summary>
    public int Value => _value;

    /// <summary>Parses a BSN; throws <see cref="FormatException"/> when it is not nine digits passing the 11-test.</summary>
    public static Bsn Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var bsn)
            ? bsn
            : throw new FormatException("A BSN is nine digits that pass the 11-test and is not 000000000.");
    }

    /// <summary>Parses untrusted text; surrounding white space is ignored, nothing else is.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Bsn bsn)
    {
        if (text is null)
        {
            bsn = default;
            return false;
        }

        return TryParse(text.AsSpan(), out bsn);
    }

    /// <inheritdoc cref="TryParse(string?, out Bsn)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Bsn bsn)
    {
        bsn = default;
        text = text.Trim();
        if (text.Length != 9)
        {
            return false;
        }

        var value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (!IsValid(value))
        {
            return false;
        }

        bsn = new Bsn(value);
        return true;
    }

    /// <summary>Builds a BSN from its numeric value (0 … 999,999,999); false when it fails the 11-test.</summary>
    public static bool TryFromInt32(int value, out Bsn bsn)
    {
        bsn = IsValid(value) ? new Bsn(value) : default;
        return IsValid(value);
    }

    /// <summary>
    /// The check digit d9 that makes eight leading digits a valid BSN, or −1 when none exists
    /// (the weighted sum is 10 mod 11, which one in eleven prefixes gives).
    /// </summary>
    /// <param name="prefix">The first eight digits as a number, 0 … 99,999,999.</param>
    public static int CheckDigit(int prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix, 99_999_999);
        var sum = 0;
        for (var weight = 2; weight <= 9; weight++)
        {
            sum += weight * (prefix % 10);
            prefix /= 10;
        }

        // 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11)  ⇔  d9 ≡ sum (mod 11); d9 must be a single digit.
        var digit = sum % 11;
        return digit == 10 ? -1 : digit;
    }

    private static bool IsValid(int value)
    {
        // 000000000 passes the arithmetic but is no real number.
        if (value is <= 0 or > 999_999_999)
        {
            return false;
        }

        return CheckDigit(value / 10) == value % 10;
    }

    /// <summary>The nine digits, with leading zeros.</summary>
    public override string ToString() => _value.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    public bool Equals(Bsn other) => _value == other._value;

    public override bool Equals(object? obj) => obj is Bsn other && Equals(other);

    public override int GetHashCode() => _value;

    public int CompareTo(Bsn other) => _value.CompareTo(other._value);

    public static bool operator ==(Bsn left, Bsn right) => left.Equals(right);

    public static bool operator !=(Bsn left, Bsn right) => !left.Equals(right);

    public static bool operator <(Bsn left, Bsn right) => left.CompareTo(right) < 0;

    public static bool operator >(Bsn left, Bsn right) => left.CompareTo(right) > 0;

    public static bool operator <=(Bsn left, Bsn right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Bsn left, Bsn right) => left.CompareTo(right) >= 0;
}
