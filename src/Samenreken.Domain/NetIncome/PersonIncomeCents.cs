namespace Samenreken.Domain.NetIncome;

/// <summary>
/// A person's approximate net monthly income in euro cents, clamped into [0, <see cref="Cap"/>]:
/// the one number per person that UWV encrypts and sends.
/// </summary>
public readonly struct PersonIncomeCents : IEquatable<PersonIncomeCents>
{
    /// <summary>
    /// The upper clamp: EUR 10,000,000 a month. Any cap at or above the highest norm leaves every
    /// selection unchanged (a clamped person alone already reaches the norm); this one also keeps a
    /// household of two plus SVB's AOW below 2^32 cents, the range of the secure comparison.
    /// </summary>
    public const long Cap = 1_000_000_000;

    private PersonIncomeCents(long cents) => Cents = cents;

    /// <summary>The value in cents, 0 … <see cref="Cap"/>.</summary>
    public long Cents { get; }

    /// <summary>Clamps a signed amount of cents into [0, <see cref="Cap"/>].</summary>
    public static PersonIncomeCents Clamp(long cents) => new(Math.Clamp(cents, 0, Cap));

    /// <summary>Wraps a value already in range; throws when it is not (e.g. decrypted from a peer).</summary>
    public static PersonIncomeCents FromCents(long cents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cents, Cap);
        return new PersonIncomeCents(cents);
    }

    public override string ToString() => Money.FromCents(Cents).ToString();

    public bool Equals(PersonIncomeCents other) => Cents == other.Cents;

    public override bool Equals(object? obj) => obj is PersonIncomeCents other && Equals(other);

    public override int GetHashCode() => Cents.GetHashCode();

    public static bool operator ==(PersonIncomeCents left, PersonIncomeCents right) => left.Equals(right);

    public static bool operator !=(PersonIncomeCents left, PersonIncomeCents right) => !left.Equals(right);

    internal static string Eur(long cents) => Money.FromCents(cents).ToString();

}
