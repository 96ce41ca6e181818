namespace Samenreken.Governance;

/// <summary>Why a safeguard refused an action. Stable codes: nodes map them onto their wire errors.</summary>
public enum GovernanceRefusal
{
    /// <summary>The project definition is missing or invalid.</summary>
    InvalidDefinition = 1,

    /// <summary>The definition's horizon has not started yet.</summary>
    BeforeEffectiveDate = 2,

    /// <summary>The definition's horizon has passed: no run may start (art. 7).</summary>
    HorizonPassed = 3,

    /// <summary>A party would send a field the definition does not list for that recipient.</summary>
    FieldNotAllowed = 4,

    /// <summary>A party or recipient the definition does not name.</summary>
    UnknownParty = 5,

    /// <summary>The peer announced a definition hash this node is not configured with.</summary>
    DefinitionMismatch = 6,

    /// <summary>The fairness monitor raised an alert and the definition holds letters on alert.</summary>
    LettersOnHold = 7,

    /// <summary>The data was destroyed (crypto-shredded) or is past its retention term.</summary>
    Destroyed = 8,

    /// <summary>After the horizon the pilot store is read-only.</summary>
    ReadOnlyAfterHorizon = 9,
}

/// <summary>A safeguard refused an action; <see cref="Refusal"/> says which one.</summary>
public sealed class GovernanceException : Exception
{
    public GovernanceException()
    {
    }

    public GovernanceException(string message)
        : base(message)
    {
    }

    public GovernanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GovernanceException(GovernanceRefusal refusal, string message, IReadOnlyList<string>? details = null)
        : base(message)
    {
        Refusal = refusal;
        Details = details ?? [];
    }

    /// <summary>The safeguard that refused.</summary>
    public GovernanceRefusal Refusal { get; }

    /// <summary>Each problem found, one line each (e.g. every schema error with its location).</summary>
    public IReadOnlyList<string> Details { get; } = [];
}
