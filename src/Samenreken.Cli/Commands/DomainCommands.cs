using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Samenreken.Domain;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Synthetic;

namespace Samenreken.Cli;

/// <summary><c>samenreken generate | explain | reference</c>: the synthetic population and the plaintext algorithm.</summary>
internal static class DomainCommands
{
    public static Command Generate()
    {
        var persons = new Option<int>("--persons") { Description = "Number of AOW recipients (rows of the SVB file).", Required = true }.AtLeast(1);
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for svb.csv and uwv.csv.", Required = true };
        var month = MonthOption("Reference month yyyy-MM (default 2025-06).");
        var command = new Command("generate", "Write a synthetic SVB file and UWV (Polis) file; every row is fictitious.") { persons, seed, output, month };
        command.SetAction(parse =>
        {
            var (year, m) = ParseMonth(parse.GetValue(month)) ?? (2025, 6);
            if (!ParameterSet.TryFor(year, m, out var parameters, out var error))
            {
                Console.Error.WriteLine(error);
                return 2;
            }

            foreach (var warning in parameters!.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            var watch = Stopwatch.StartNew();
            var summary = PopulationGenerator.GenerateToDirectory(new GeneratorOptions(parse.GetValue(persons), parse.GetValue(seed), year, m), parse.GetValue(output)!.FullName);
            var counts = summary.Counts;
            Console.WriteLine($"wrote {counts["recipients"]:N0} AOW recipients in {counts["households"]:N0} households and {counts["polis_rows"]:N0} Polis statements to {parse.GetValue(output)!.FullName} in {watch.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"parameters: {summary.ParameterVersion}; BSNs: {(summary.TestBsnRange ? "test range 999900000-999999999" : "full range, files marked synthetic=true")}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"below the norm: {counts["below_norm"]:N0} households ({summary.BelowNormShare:P2}); already receiving AIO: {counts["receives_aio"]:N0}; to be selected: {counts["selected"]:N0}"));
            Console.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}")));
            return 0;
        });
        return command;
    }

    public static Command Explain()
    {
        var person = new Option<string>("--person") { Description = "BSN of an AOW recipient or a younger partner.", Required = true };
        var data = DataOption();
        var month = MonthOption("Reference month yyyy-MM (default: the data set's reference_month).");
        var command = new Command("explain", "Print every step of the net-income approximation and the comparison for one person's household.") { person, data, month };
        command.SetAction(parse =>
        {
            if (!Bsn.TryParse(parse.GetValue(person), out var bsn))
            {
                Console.Error.WriteLine("--person is not a valid BSN (nine digits, 11-test).");
                return 2;
            }

            var directory = parse.GetValue(data)!.FullName;
            using var svbText = OpenText(directory, PopulationGenerator.SvbFileName);
            var svb = SvbFile.OpenHouseholds(svbText);
            var parameters = Parameters(parse.GetValue(month), svb.Info, printWarnings: false);
            if (parameters is null)
            {
                return 2;
            }

            var household = svb.Read().Select(r => r.Value).FirstOrDefault(h => h is not null && h.Members.Contains(bsn));
            if (household is null)
            {
                Console.Error.WriteLine($"BSN {bsn} is in no household of {PopulationGenerator.SvbFileName}.");
                return 1;
            }

            using var uwvText = OpenText(directory, PopulationGenerator.UwvFileName);
            var polis = PolisFile.OpenPersons(uwvText).Read()
                .Where(r => r.Value is not null && household.Members.Contains(r.Value.Bsn))
                .ToDictionary(r => r.Value!.Bsn, r => r.Value!.Records);
            Console.Write(ExplainText(household, polis, parameters, svb.Info.IsSynthetic));
            return 0;
        });
        return command;
    }

    public static Command Reference()
    {
        var data = DataOption();
        var output = new Option<FileInfo>("--out") { Description = "CSV with one row per selected household (column bsn).", Required = true };
        var month = MonthOption("Reference month yyyy-MM (default: the data set's reference_month).");
        var failOnBadRows = new Option<bool>("--fail-on-bad-rows") { Description = "Load nothing and write nothing if any row is bad (default: skip and report bad rows)." };
        var measure = new Option<bool>("--measure-approximation") { Description = "Also compare with a household-aware tax computation and report the differences (keeps all statements in memory)." };
        var command = new Command("reference", "The plaintext reference selection that the encrypted run must reproduce.") { data, output, month, failOnBadRows, measure };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!.FullName;
            using var svbText = OpenText(directory, PopulationGenerator.SvbFileName);
            using var uwvText = OpenText(directory, PopulationGenerator.UwvFileName);
            var svb = SvbFile.OpenHouseholds(svbText);
            var parameters = Parameters(parse.GetValue(month), svb.Info, printWarnings: true);
            if (parameters is null)
            {
                return 2;
            }

            var target = parse.GetValue(output)!.FullName;
            var temporary = target + ".partial";
            ReferenceSummary summary;
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
            {
                var mode = parse.GetValue(failOnBadRows) ? CsvLoadMode.FailWholeLoad : CsvLoadMode.SkipAndReport;
                summary = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters, mode, writer, parse.GetValue(measure));
            }

            foreach (var error in summary.Errors.Take(50))
            {
                Console.Error.WriteLine(error);
            }

            if (summary.Errors.Count > 50)
            {
                Console.Error.WriteLine($"... and {summary.Errors.Count - 50} more bad rows");
            }

            if (!summary.Succeeded)
            {
                // Never leave a half-written selection behind.
                File.Delete(temporary);
                Console.Error.WriteLine($"{summary.Errors.Count} bad rows; nothing was written (--fail-on-bad-rows).");
                return 1;
            }

            File.Move(temporary, target, overwrite: true);
            Console.WriteLine($"{summary.Selected:N0} households selected of {summary.Households:N0} ({summary.BelowNorm:N0} below the norm, {summary.ReceivesAio:N0} already receive AIO); {summary.Errors.Count} bad rows skipped; written to {target}");
            if (summary.ApproximationDifferences.Count > 0)
            {
                var d = summary.ApproximationDifferences.Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"split vs household-aware income (EUR/month): mean {d.Average() / 100:F2}, median {d[d.Length / 2] / 100.0:F2}, p95 {d[(int)(d.Length * 0.95)] / 100.0:F2}, p99 {d[(int)(d.Length * 0.99)] / 100.0:F2}, max {d[^1] / 100.0:F2}; equal in {d.Count(x => x == 0) * 100.0 / d.Length:F1}% of households; below-norm outcome differs for {summary.ApproximationFlips} households"));
            }

            return 0;
        });
        return command;
    }

    /// <summary>The transparency text for one household: parameters, each member's steps, the rule and the comparison.</summary>
    internal static string ExplainText(Household household, IReadOnlyDictionary<Bsn, IReadOnlyList<PolisRecord>> polis, ParameterSet parameters, bool synthetic)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{(synthetic ? "SYNTHETIC data set. " : string.Empty)}Algorithm and parameters: {parameters.Version}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reference month {parameters.ReferenceMonth:yyyy-MM}; household {household.Id} ({SvbCodes.Code(SvbCodes.HouseholdTypes, household.Type)})");
        foreach (var warning in parameters.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"WARNING: {warning}");
        }

        var parts = new List<PersonIncomeCents>();
        foreach (var member in household.Members)
        {
            var role = household.Recipients.Any(r => r.Bsn == member) ? "AOW recipient" : "partner below AOW age";
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Per-person part (computed by UWV from Polis; knows only the BSN) for {member}, {role}:");
            var (value, steps) = PersonNetIncomePart.Explain(polis.GetValueOrDefault(member, []), parameters);
            foreach (var step in steps)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {step}");
            }

            parts.Add(value);
        }

        var rule = HouseholdRule.For(household, parameters);
        var income = rule.IncomeCents(parts);
        text.AppendLine();
        text.AppendLine("Household part (computed by SVB on ciphertexts: sums and plaintext constants only):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  8. net AOW paid by SVB: {string.Join(" + ", household.Recipients.Select(r => $"{r.NetAowMonthly} ({r.Bsn}, build-up {r.BuildUpPercent}%)"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  9. {rule}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  10. income = {string.Join(" + ", parts)} + {Money.FromCents(rule.SvbConstantCents)} = {Money.FromCents(income)}; norm {Money.FromCents(rule.NormCents)} (net, excl. holiday allowance)");
        var below = income < rule.NormCents;
        text.AppendLine(CultureInfo.InvariantCulture, $"  11. {Money.FromCents(income)} {(below ? "<" : ">=")} {Money.FromCents(rule.NormCents)}: {(below ? "below the norm" : "not below the norm")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  12. {(below && household.ReceivesAio ? "already receives AIO: not approached" : below ? "SELECTED: gets a letter (assets and other income were not checked)" : "not selected")}");
        return text.ToString();
    }

    private static Option<DirectoryInfo> DataOption() => new("--data") { Description = "Directory holding svb.csv and uwv.csv.", Required = true };

    private static Option<string?> MonthOption(string description) => new("--month") { Description = description };

    private static StreamReader OpenText(string directory, string file) => new(Path.Combine(directory, file), Encoding.UTF8, true, 1 << 20);

    private static (int Year, int Month)? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date.Year, date.Month) : null;

    private static ParameterSet? Parameters(string? month, DataSetInfo info, bool printWarnings)
    {
        var chosen = ParseMonth(month ?? info["reference_month"]);
        if (chosen is not { } ym)
        {
            Console.Error.WriteLine("Give --month yyyy-MM (the data set names no reference_month).");
            return null;
        }

        if (!ParameterSet.TryFor(ym.Year, ym.Month, out var set, out var error))
        {
            Console.Error.WriteLine(error);
            return null;
        }

        foreach (var warning in printWarnings ? set!.Warnings : [])
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        return set;
    }
}
