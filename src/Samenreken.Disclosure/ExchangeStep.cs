namespace Samenreken.Disclosure;

/// <summary>The two parties of the file comparison.</summary>
public enum ExchangeParty
{
    /// <summary>SVB: the controller, evaluator (A) of the comparison; it learns the result.</summary>
    Svb,

    /// <summary>UWV: the income source, key holder (B) of the comparison.</summary>
    Uwv,
}

/// <summary>
/// One step of an exchange: <see cref="From"/> sends <see cref="Message"/> (a protocol message type's name) to
/// <see cref="To"/>, which learns what <see cref="ReceiverLearns"/> claims and nothing else. A local step (From = To)
/// is a computation inside one party; the other party sees nothing of it. The sender learns nothing from its own
/// message.
/// </summary>
public sealed record ExchangeStep(int Number, string Message, ExchangeParty From, ExchangeParty To, IReadOnlyList<ViewClaim> ReceiverLearns)
{
    public bool IsLocal => From == To;

    public override string ToString() => $"step {Number} {Message} ({From} → {To}): {string.Join(", ", ReceiverLearns)}";
}
