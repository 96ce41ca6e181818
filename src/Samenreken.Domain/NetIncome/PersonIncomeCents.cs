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

/// <summary>Which tax rates apply to a person: the one fact about a person besides the BSN that UWV may know (art. 5b).</summary>
public enum AgeBand
{
    /// <summary>Reached AOW age: no AOW premium, the AOW-age credits and the ouderenkorting.</summary>
    AowAge,

    /// <summary>Below AOW age (a younger partner): AOW premium, regular credits and the arbeidskorting.</summary>
    BelowAowAge,
}

/// <summary>
/// The two numbers UWV sends per person: the part, and the single supplement that SVB adds only when the person is
/// single (the alleenstaande ouderenkorting depends on a household fact UWV may not learn).
/// </summary>
/// <param name="Part">Net monthly income from Polis, in [0, <see cref="PersonIncomeCents.Cap"/>].</param>
/// <param name="SingleSupplement">What the alleenstaande ouderenkorting adds per month, in [0, <see cref="SupplementCap"/>].</param>
public readonly record struct PersonParts(PersonIncomeCents Part, PersonIncomeCents SingleSupplement)
{
    /// <summary>
    /// The public bound on a supplement: EUR 10,000 a month, far above any credit (the alleenstaande ouderenkorting
    /// is about EUR 45 a month); it keeps the household sum inside the comparison's range.
    /// </summary>
    public const long SupplementCap = 1_000_000;

    /// <summary>A person without Polis data: both numbers 0.</summary>
    public static PersonParts None { get; } = new(PersonIncomeCents.Clamp(0), PersonIncomeCents.Clamp(0));

    internal static PersonIncomeCents ClampSupplement(long cents) => PersonIncomeCents.Clamp(Math.Clamp(cents, 0, SupplementCap));
}
