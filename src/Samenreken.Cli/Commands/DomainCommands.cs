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
            if (!ParameterSet.TryForMonth(parse.GetValue(month) ?? "2025-06", out var parameters, out var error))
            {
                Console.Error.WriteLine(error);
                return 2;
            }

            var (year, m) = (parameters!.ReferenceMonth.Year, parameters.ReferenceMonth.Month);

            foreach (var warning in parameters.Warnings)
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
        var maxBadShare = MaxBadShareOption();
        command.Options.Add(maxBadShare);
        command.SetAction(parse =>
        {
            if (!Bsn.TryParse(parse.GetValue(person), out var bsn))
            {
                Console.Error.WriteLine("--person is not a valid BSN (nine digits, 11-test).");
                return 2;
            }

            var directory = parse.GetValue(data)!.FullName;
            if (MissingInput(directory) is { } missing)
            {
                Console.Error.WriteLine(missing);
                return 2;
            }

            var share = parse.GetValue(maxBadShare);
            using var svbText = OpenText(directory, PopulationGenerator.SvbFileName);
            var svb = SvbFile.OpenHouseholds(svbText);
            if (svb.HeaderError is not null && Refused(PopulationGenerator.SvbFileName, svb.Refusal()))
            {
                return 1;
            }

            var parameters = Parameters(parse.GetValue(month), svb.Info, printWarnings: false);
            if (parameters is null)
            {
                return 2;
            }

            // Read both files to their end: a file refused as a whole gives no explanation at all.
            var household = svb.Read().Select(r => r.Value).Where(h => h is not null && h.Members.Contains(bsn)).ToList().FirstOrDefault();
            if (Refused(PopulationGenerator.SvbFileName, svb.Refusal(share)))
            {
                return 1;
            }

            if (household is null)
            {
                Console.Error.WriteLine($"The BSN is in no readable household of {PopulationGenerator.SvbFileName} ({svb.BadRows} bad rows were skipped).");
                return 1;
            }

            using var uwvText = OpenText(directory, PopulationGenerator.UwvFileName);
            var uwv = PolisFile.OpenPersons(uwvText);
            var polis = uwv.Read()
                .Where(r => r.Value is not null && household.Members.Contains(r.Value.Bsn))
                .ToList()
                .ToDictionary(r => r.Value!.Bsn, r => r.Value!.Records);
            if (Refused(PopulationGenerator.UwvFileName, uwv.Refusal(share)))
            {
                return 1;
            }

            if (svb.BadRows + uwv.BadRows > 0)
            {
                Console.Error.WriteLine($"{svb.BadRows} bad rows skipped in {PopulationGenerator.SvbFileName}, {uwv.BadRows} in {PopulationGenerator.UwvFileName}.");
            }

            Console.Write(NetIncomeExplanation.Text(household, polis, parameters, svb.Info.IsSynthetic, uwv.BadRows));
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
        var maxBadShare = MaxBadShareOption();
        command.Options.Add(maxBadShare);
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!.FullName;
            if (MissingInput(directory) is { } missing)
            {
                Console.Error.WriteLine(missing);
                return 2;
            }

            using var svbText = OpenText(directory, PopulationGenerator.SvbFileName);
            using var uwvText = OpenText(directory, PopulationGenerator.UwvFileName);
            var svb = SvbFile.OpenHouseholds(svbText);
            if (svb.HeaderError is not null && Refused(PopulationGenerator.SvbFileName, svb.Refusal()))
            {
                return 1;
            }

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
                summary = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters, mode, writer, parse.GetValue(measure), new ReferenceRunOptions(parse.GetValue(maxBadShare)));
            }

            foreach (var error in summary.Errors.Take(50))
            {
                Console.Error.WriteLine(error);
            }

            if (summary.Errors.Count > 50)
            {
                Console.Error.WriteLine($"... and {summary.Errors.Count - 50} more bad rows");
            }

            if (summary.Refusal is { } refusal)
            {
                // Never leave a half-written selection behind.
                File.Delete(temporary);
                Console.Error.WriteLine($"{refusal}; nothing was written.");
                return 1;
            }

            File.Move(temporary, target, overwrite: true);
            Console.WriteLine($"{summary.Selected:N0} households selected of {summary.Households:N0} ({summary.BelowNorm:N0} below the norm, {summary.ReceivesAio:N0} already receive AIO); {summary.Errors.Count} bad rows skipped; {summary.PersonsCorrectedToNothing} persons whose corrections net the window to zero or less; written to {target}");
            if (ApproximationStatistics.Of(summary) is { } statistics)
            {
                Console.WriteLine(statistics);
            }

            return 0;
        });
        return command;
    }

    private static Option<DirectoryInfo> DataOption() => new("--data") { Description = "Directory holding svb.csv and uwv.csv.", Required = true };

    private static Option<string?> MonthOption(string description) => new("--month") { Description = description };

    private static StreamReader OpenText(string directory, string file) => new(Path.Combine(directory, file), Encoding.UTF8, true, 1 << 20);

    private static Option<double> MaxBadShareOption()
    {
        var option = new Option<double>("--max-bad-share")
        {
            Description = "Share of bad rows (0-1) above which a file is refused as a whole (default 0.01).",
            DefaultValueFactory = _ => CsvReader<Household>.DefaultMaxBadRowShare,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN)
            {
                result.AddError("--max-bad-share is a share from 0 to 1.");
            }
        });
        return option;
    }

    /// <summary>One line naming a missing input directory or file, or null.</summary>
    private static string? MissingInput(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return $"The data directory {directory} does not exist.";
        }

        var missing = new[] { PopulationGenerator.SvbFileName, PopulationGenerator.UwvFileName }.FirstOrDefault(f => !File.Exists(Path.Combine(directory, f)));
        return missing is null ? null : $"{missing} is missing in {directory}.";
    }

    private static bool Refused(string file, CsvFileRefusal? refusal)
    {
        if (refusal is not null)
        {
            Console.Error.WriteLine($"{file} is refused: {refusal}; nothing was decided.");
        }

        return refusal is not null;
    }

    private static ParameterSet? Parameters(string? month, DataSetInfo info, bool printWarnings)
    {
        var text = month ?? info["reference_month"];
        if (text is null)
        {
            Console.Error.WriteLine("Give --month yyyy-MM (the data set names no reference_month).");
            return null;
        }

        if (!ParameterSet.TryForMonth(text, out var set, out var error))
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
