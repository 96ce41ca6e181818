using Samenreken.Domain.Csv;
using Samenreken.Domain.Svb;
using Samenreken.Pilot;
using Samenreken.Protocols.FileComparison;

namespace Samenreken.Nodes.Svb;

/// <summary>
/// What SVB loads from its file for a run: the households it will approach (all but those already receiving AIO),
/// each as its formula, and the sorted, distinct persons it asks UWV about. Plaintext data SVB holds anyway.
/// </summary>
public sealed class SvbPopulation
{
    private readonly HashSet<string> _belowAowAge;

    private SvbPopulation(IReadOnlyList<Household> households, IReadOnlyList<HouseholdFormula> formulas, IReadOnlyList<string> personIds, DateOnly referenceMonth)
    {
        ReferenceMonth = referenceMonth;
        Households = households;
        Formulas = formulas;
        PersonIds = personIds;
        _belowAowAge = new HashSet<string>(formulas.SelectMany(f => f.MemberIds.Where((_, i) => f.BelowAowAge[i])), StringComparer.Ordinal);
    }

    /// <summary>Whether a person is a partner below AOW age: sent with the BSN, the one fact UWV may know (art. 5b).</summary>
    public bool IsBelowAowAge(string personId) => _belowAowAge.Contains(personId);

    public IReadOnlyList<Household> Households { get; }

    /// <summary>The first day of the file's reference month (the fairness monitor takes ages at its end).</summary>
    public DateOnly ReferenceMonth { get; }

    public IReadOnlyList<HouseholdFormula> Formulas { get; }

    /// <summary>Distinct member ids of all households, in ordinal order (the order reveals no household).</summary>
    public IReadOnlyList<string> PersonIds { get; }

    /// <summary>Comparisons, padded up to the persons asked (as <see cref="SvbHouseholdSelector.ComparisonCount"/>).</summary>
    public int ComparisonCount => Math.Max(Households.Count, PersonIds.Count);

    /// <summary>The population in SVB's file; a file that cannot be read is refused (<see cref="InvalidDataException"/>), so no run selects on it.</summary>
    public static SvbPopulation Load(string svbFile, double maxBadRowShare = CsvReader<Household>.DefaultMaxBadRowShare)
    {
        using var reader = new StreamReader(svbFile);
        var file = SvbFile.OpenHouseholds(reader);
        PilotParties.RefuseUnreadableHeader(file, Path.GetFileName(svbFile));
        var parameters = PilotParties.Parameters(file.Info, "SVB");
        var households = PilotParties.ReadWhole(file, Path.GetFileName(svbFile), maxBadRowShare).Where(h => !h.ReceivesAio).ToList();
        var formulas = households.Select(h => PilotParties.Formula(h, parameters)).ToList();
        var ids = formulas.SelectMany(f => f.MemberIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new SvbPopulation(households, formulas, ids, parameters.ReferenceMonth);
    }
}
