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
        var persons = CliOptions.Persons("Number of AOW recipients (rows of the SVB file).");
        var seed = CliOptions.Seed();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for svb.csv and uwv.csv.", Required = true };
        var month = CliOptions.Month("Reference month yyyy-MM (default 2025-06).");
        var force = CliOptions.Force();
        var command = new Command("generate", "Write a synthetic SVB file and UWV (Polis) file; every row is fictitious.") { persons, seed, output, month, force };
        command.SetCliAction((parse, cli) =>
        {
            var chosen = parse.GetValue(month) ?? new YearMonth(2025, 6);
            using var files = StagedOutput.Create(parse.GetValue(output)!, [new(PopulationGenerator.SvbFileName), new(PopulationGenerator.UwvFileName)], parse.GetValue(force));

            // Checked (and its warnings shown) before anything is written; the generator reads the same parameters.
            ParametersFor(chosen, cli, printWarnings: true, error => CliException.Usage($"--month {chosen}: {error}"));
            var watch = Stopwatch.StartNew();
            var summary = PopulationGenerator.GenerateToDirectory(new GeneratorOptions(parse.GetValue(persons), parse.GetValue(seed), chosen.Year, chosen.Month), files.StagingDirectory);
            files.Commit();
            var counts = summary.Counts;
            var text = cli.Output;
            text.WriteLine($"wrote {counts["recipients"]:N0} AOW recipients in {counts["households"]:N0} households and {counts["polis_rows"]:N0} Polis statements to {files.Directory} in {watch.Elapsed.TotalSeconds:F1} s");
            text.WriteLine($"parameters: {summary.ParameterVersion}; BSNs: {(summary.TestBsnRange ? "test range 999900000-999999999" : "full range, files marked synthetic=true")}");
            text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"below the norm: {counts["below_norm"]:N0} households ({summary.BelowNormShare:P2}); already receiving AIO: {counts["receives_aio"]:N0}; to be selected: {counts["selected"]:N0}"));
            text.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}")));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Explain()
    {
        var person = new Option<string>("--person") { Description = "BSN of an AOW recipient or a younger partner.", Required = true };
        var data = CliOptions.Data();
        var month = CliOptions.Month("Reference month yyyy-MM (default: the data set's reference_month).");
        var command = new Command("explain", "Print every step of the net-income approximation and the comparison for one person's household.") { person, data, month };
        command.SetCliAction((parse, cli) =>
        {
            if (!Bsn.TryParse(parse.GetValue(person), out var bsn))
            {
                // The value is not echoed: it may be a mistyped BSN.
                throw CliException.Usage("--person is not a valid BSN (nine digits, 11-test)");
            }

            var files = DataFiles.In(parse.GetValue(data)!);
            using var svbText = files.OpenSvb();
            var svb = SvbFile.OpenHouseholds(svbText);
            var parameters = Parameters(parse.GetValue(month), svb.Info, cli, printWarnings: false);
            var household = svb.Read().Select(r => r.Value).FirstOrDefault(h => h is not null && h.Members.Contains(bsn))
                ?? throw CliException.CheckFailed($"the BSN is in no household of {files.Svb}");

            using var uwvText = files.OpenUwv();
            var polis = PolisFile.OpenPersons(uwvText).Read()
                .Where(r => r.Value is not null && household.Members.Contains(r.Value.Bsn))
                .ToDictionary(r => r.Value!.Bsn, r => r.Value!.Records);
            cli.Output.Write(ExplainText(household, polis, parameters, svb.Info.IsSynthetic));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Reference()
    {
        var data = CliOptions.Data();
        var output = new Option<FileInfo>("--out") { Description = "CSV with one row per selected household (column bsn); never one of the inputs.", Required = true };
        var month = CliOptions.Month("Reference month yyyy-MM (default: the data set's reference_month).");
        var failOnBadRows = new Option<bool>("--fail-on-bad-rows") { Description = "Load nothing and write nothing if any row is bad (default: skip and report bad rows)." };
        var measure = new Option<bool>("--measure-approximation") { Description = "Also compare with a household-aware tax computation and report the differences (keeps all statements in memory)." };
        var force = CliOptions.Force();
        var command = new Command("reference", "The plaintext reference selection that the encrypted run must reproduce.") { data, output, month, failOnBadRows, measure, force };
        command.SetCliAction((parse, cli) =>
        {
            var files = DataFiles.In(parse.GetValue(data)!);
            using var selection = StagedOutput.CreateFile(parse.GetValue(output)!, parse.GetValue(force), files.All);
            using var svbText = files.OpenSvb();
            using var uwvText = files.OpenUwv();
            var svb = SvbFile.OpenHouseholds(svbText);
            var parameters = Parameters(parse.GetValue(month), svb.Info, cli, printWarnings: true);
            var name = selection.Names.Single();
            ReferenceSummary summary;
            using (var writer = selection.CreateText(name))
            {
                var mode = parse.GetValue(failOnBadRows) ? CsvLoadMode.FailWholeLoad : CsvLoadMode.SkipAndReport;
                summary = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters, mode, writer, parse.GetValue(measure));
            }

            BadRows.Report(cli, summary.Errors);
            if (!summary.Succeeded)
            {
                throw CliException.CheckFailed($"{summary.Errors.Count} bad rows; nothing was written (--fail-on-bad-rows)");
            }

            var target = selection.Commit().Single();
            cli.Output.WriteLine($"{summary.Selected:N0} households selected of {summary.Households:N0} ({summary.BelowNorm:N0} below the norm, {summary.ReceivesAio:N0} already receive AIO); {summary.Errors.Count} bad rows skipped; written to {target}");
            if (summary.ApproximationDifferences.Count > 0)
            {
                var d = summary.ApproximationDifferences.Order().ToArray();
                cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"split vs household-aware income (EUR/month): mean {d.Average() / 100:F2}, median {d[d.Length / 2] / 100.0:F2}, p95 {d[(int)(d.Length * 0.95)] / 100.0:F2}, p99 {d[(int)(d.Length * 0.99)] / 100.0:F2}, max {d[^1] / 100.0:F2}; equal in {d.Count(x => x == 0) * 100.0 / d.Length:F1}% of households; below-norm outcome differs for {summary.ApproximationFlips} households"));
            }

            return ExitCodes.Success;
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

    /// <summary>
    /// The parameters of <paramref name="month"/> (a usage error when none exist for it) or else of the data set's
    /// reference_month (an input error when it names none).
    /// </summary>
    private static ParameterSet Parameters(YearMonth? month, DataSetInfo info, CliContext cli, bool printWarnings)
    {
        if (month is { } given)
        {
            return ParametersFor(given, cli, printWarnings, error => CliException.Usage($"--month {given}: {error}"));
        }

        var named = info["reference_month"];
        if (!DateOnly.TryParseExact(named + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw CliException.InvalidInput("the SVB file names no reference_month yyyy-MM; give --month");
        }

        var fromData = new YearMonth(date.Year, date.Month);
        return ParametersFor(fromData, cli, printWarnings, error => CliException.InvalidInput($"the data set's reference_month {fromData}: {error}"));
    }

    private static ParameterSet ParametersFor(YearMonth month, CliContext cli, bool printWarnings, Func<string, CliException> failure)
    {
        if (!ParameterSet.TryFor(month.Year, month.Month, out var set, out var error))
        {
            throw failure(error!);
        }

        foreach (var warning in printWarnings ? set!.Warnings : [])
        {
            cli.Warn(warning);
        }

        return set!;
    }
}
