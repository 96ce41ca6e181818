using Samenreken.Domain;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic;

/// <summary>
/// What the synthetic world knows and no real run does: which households are truly below the norm, by the
/// household-aware estimate of the true net income (<see cref="TrueNetIncome"/>: the annual assessment with every
/// household fact), not by the approximation the selection uses. The fairness monitor's recall and precision per group
/// (issue 17) and the error-based fairness after evaluation read it. Only for data marked synthetic: on real data there
/// is no truth to read, and the caller must refuse.
/// </summary>
public static class GroundTruth
{
    /// <summary>The ids of the households whose true net income is below their norm.</summary>
    public static IReadOnlySet<long> TrulyBelowNorm(IEnumerable<Household> households, IReadOnlyDictionary<Bsn, PolisRecord[]> polis, ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(polis);
        ArgumentNullException.ThrowIfNull(parameters);
        var below = new HashSet<long>();
        foreach (var household in households)
        {
            var income = TrueNetIncome.HouseholdCents(household, bsn => polis.TryGetValue(bsn, out var records) ? records : [], parameters);
            if (income < parameters.Norm(household.Type).Cents)
            {
                below.Add(household.Id);
            }
        }

        return below;
    }

    /// <summary>
    /// Truly eligible for a letter: truly below the norm and not already receiving AIO (a household that receives it is
    /// never approached, so it cannot be missed).
    /// </summary>
    public static bool TrulyEligible(Household household, IReadOnlySet<long> trulyBelowNorm)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(trulyBelowNorm);
        return !household.ReceivesAio && trulyBelowNorm.Contains(household.Id);
    }
}
