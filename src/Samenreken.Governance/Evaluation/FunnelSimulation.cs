using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Samenreken.Governance.Responses;

namespace Samenreken.Governance.Evaluation;

/// <summary>
/// What the synthetic population knows about one letter's household and the selection never saw: whether the
/// household is truly below the norm (the household-aware net income) and whether its assets (vermogen) exceed the
/// AIO limit.
/// </summary>
public sealed record SimulatedHousehold(string Reference, bool TrulyBelowNorm, bool AssetsAboveLimit);

/// <summary>
/// A simulated funnel for the demo, never real figures: each letter's response, application and outcome drawn with
/// rates that depend on the ground truth, so the evaluation shows the false hope the letter's caveat warns about (a
/// household with too many assets, or truly above the norm, applies and is refused). The draws are a hash of the
/// seed and the reference: the same seed gives the same funnel, and no randomness source is involved.
/// </summary>
public static class FunnelSimulation
{
    /// <summary>The rates (response; application after a response; grant after an application) for each kind of household.</summary>
    public static (double Respond, double Apply, double Grant) Rates(SimulatedHousehold household)
    {
        ArgumentNullException.ThrowIfNull(household);
        return (household.TrulyBelowNorm, household.AssetsAboveLimit) switch
        {
            (true, false) => (0.60, 0.80, 0.92),
            (true, true) => (0.50, 0.65, 0.05),
            (false, _) => (0.40, 0.50, 0.04),
        };
    }

    /// <summary>The events of each letter after <paramref name="sent"/>: responded (or no response), a melding, applied, granted or refused.</summary>
    public static IReadOnlyList<ResponseEvent> Simulate(IEnumerable<SimulatedHousehold> households, DateOnly sent, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(households);
        var events = new List<ResponseEvent>();
        foreach (var household in households)
        {
            var (respond, apply, grant) = Rates(household);
            var day = sent;
            ResponseEvent Next(ResponseStatus status, int afterDays, string? channel = null) => new(household.Reference, status, day = day.AddDays(afterDays), channel);
            if (Draw(seed, household.Reference, "respond") >= respond)
            {
                events.Add(Next(ResponseStatus.NoResponse, 42));
                continue;
            }

            string[] channels = ["telefoon", "online", "balie", "brief"];
            events.Add(Next(ResponseStatus.Responded, 3 + (int)(Draw(seed, household.Reference, "day") * 25), channels[(int)(Draw(seed, household.Reference, "channel") * channels.Length)]));
            if (Draw(seed, household.Reference, "apply") >= apply)
            {
                continue;
            }

            events.Add(Next(ResponseStatus.RegisteredAsRequest, 0));
            events.Add(Next(ResponseStatus.Applied, 14));
            events.Add(Next(Draw(seed, household.Reference, "grant") < grant ? ResponseStatus.Granted : ResponseStatus.Refused, 56));
        }

        return events;
    }

    /// <summary>A uniform draw in [0, 1) from SHA-256(seed, reference, stage): reproducible, independent per stage.</summary>
    public static double Draw(ulong seed, string reference, string stage)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"samenreken-funnel-simulation\0{seed}\0{reference}\0{stage}")));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
