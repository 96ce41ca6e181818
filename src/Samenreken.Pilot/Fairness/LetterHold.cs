namespace Samenreken.Pilot.Fairness;

/// <summary>What an equal-treatment reviewer decided about a run's fairness alerts.</summary>
public enum ReviewDecision
{
    /// <summary>The alerts were examined and the letters may go out.</summary>
    Release,

    /// <summary>The letters of this run must not go out.</summary>
    Stop,
}

/// <summary>
/// Whether a run's letters are held: when the monitor raised an alert and the project definition says
/// <c>hold_letters_on_alert</c>, the letters wait until a reviewer records a decision
/// (<c>samenreken fairness acknowledge</c>); a <see cref="ReviewDecision.Stop"/> holds them for good.
/// </summary>
public static class LetterHold
{
    /// <summary>Null when the letters may go out, otherwise the reason they are held.</summary>
    public static string? Reason(int alerts, bool holdOnAlert, ReviewDecision? decision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(alerts);
        return decision switch
        {
            ReviewDecision.Stop => "a reviewer stopped this run's letters (fairness acknowledge --decision stop)",
            ReviewDecision.Release => null,
            _ when alerts > 0 && holdOnAlert => $"the fairness monitor raised {alerts} alert{(alerts == 1 ? "" : "s")} and the project holds letters on alert; a reviewer must decide first (samenreken fairness acknowledge)",
            _ => null,
        };
    }
}
