namespace Samenreken.Fairness;

/// <summary>
/// One sampled household as the monitor sees it at SVB's node: its attribute values (every monitored attribute
/// and legitimate factor must be present), whether it was selected, and on synthetic runs whether it is truly
/// eligible according to the generator's ground truth.
/// </summary>
public sealed record HouseholdObservation(IReadOnlyDictionary<string, string> Attributes, bool Selected, bool? TrulyEligible = null);
