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
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for svb.csv, uwv.csv and the ground truth truth.csv.", Required = true };
        var month = CliOptions.Month("Reference month yyyy-MM (default 2025-06).");
        var force = CliOptions.Force();
        var command = new Command("generate", "Write a synthetic SVB file and UWV (Polis) file; every row is fictitious.") { persons, seed, output, month, force };
        command.SetCliAction((parse, cli) =>
        {
            var chosen = parse.GetValue(month) ?? new YearMonth(2025, 6);
            using var files = StagedOutput.Create(parse.GetValue(output)!, [new(PopulationGenerator.SvbFileName), new(PopulationGenerator.UwvFileName), new(TruthFile.FileName)], parse.GetValue(force));

            // Checked (and its warnings shown) before anything is written; the generator reads the same parameters.
            ParametersFor(chosen, cli, printWarnings: true, error => CliException.Usage($"--month {chosen}: {error}"));
            var watch = Stopwatch.StartNew();
            var summary = PopulationGenerator.GenerateToDirectory(new GeneratorOptions(parse.GetValue(persons), parse.GetValue(seed), chosen.Year, chosen.Month), files.StagingDirectory, groundTruth: true);
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
        var maxBadShare = MaxBadShareOption();
        command.Options.Add(maxBadShare);
        var basis = BasisOption();
        command.Options.Add(basis);
        command.SetCliAction((parse, cli) =>
        {
            if (!Bsn.TryParse(parse.GetValue(person), out var bsn))
            {
                // The value is not echoed: it may be a mistyped BSN.
                throw CliException.Usage("--person is not a valid BSN (nine digits, 11-test)");
            }

            var files = DataFiles.In(parse.GetValue(data)!);
            var share = parse.GetValue(maxBadShare);
            using var svbText = files.OpenSvb();
            var svb = SvbFile.OpenHouseholds(svbText);
            if (svb.HeaderError is not null)
            {
                Refuse(PopulationGenerator.SvbFileName, svb.Refusal());
            }

            var parameters = Parameters(parse.GetValue(month), svb.Info, cli, printWarnings: false).WithBasis(ParameterSet.BasisCodes[parse.GetValue(basis)!]);

            // Read both files to their end: a file refused as a whole gives no explanation at all.
            var household = svb.Read().Select(r => r.Value).Where(h => h is not null && h.Members.Contains(bsn)).ToList().FirstOrDefault();
            Refuse(PopulationGenerator.SvbFileName, svb.Refusal(share));
            if (household is null)
            {
                throw CliException.CheckFailed($"the BSN is in no household of {files.Svb} ({svb.BadRows} bad rows were skipped)");
            }

            using var uwvText = files.OpenUwv();
            var uwv = PolisFile.OpenPersons(uwvText);
            var polis = new Dictionary<Bsn, IReadOnlyList<PolisRecord>>();
            var statementsInWindow = false;
            foreach (var person in uwv.Read().Select(r => r.Value).OfType<PersonPolis>())
            {
                // As the reference: Polis data without one statement in the window is for another period, and
                // explaining a household on it would show every income as zero.
                statementsInWindow = statementsInWindow || PersonNetIncomePart.Analyse(person.Records, parameters).StatementsInWindow > 0;
                if (household.Members.Contains(person.Bsn))
                {
                    polis[person.Bsn] = person.Records;
                }
            }

            Refuse(PopulationGenerator.UwvFileName, uwv.Refusal(share));
            if (!statementsInWindow)
            {
                throw CliException.InvalidInput($"{new RunRefusal(RunRefusalReason.NoStatementsInWindow, PopulationGenerator.UwvFileName, WindowStart: parameters.WindowStart, WindowEnd: parameters.WindowEnd)}; nothing was decided");
            }

            if (svb.BadRows + uwv.BadRows > 0)
            {
                cli.Note($"{svb.BadRows} bad rows skipped in {PopulationGenerator.SvbFileName}, {uwv.BadRows} in {PopulationGenerator.UwvFileName}.");
            }

            cli.Output.Write(NetIncomeExplanation.Text(household, polis, parameters, svb.Info.IsSynthetic, uwv.BadRows));
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
        var maxBadShare = MaxBadShareOption();
        var command = new Command("reference", "The plaintext reference selection that the encrypted run must reproduce.") { data, output, month, failOnBadRows, measure, force, maxBadShare };
        command.SetCliAction((parse, cli) =>
        {
            var files = DataFiles.In(parse.GetValue(data)!);
            using var selection = StagedOutput.CreateFile(parse.GetValue(output)!, parse.GetValue(force), files.All);
            using var svbText = files.OpenSvb();
            using var uwvText = files.OpenUwv();
            var svb = SvbFile.OpenHouseholds(svbText);
            if (svb.HeaderError is not null)
            {
                Refuse(PopulationGenerator.SvbFileName, svb.Refusal());
            }

            var parameters = Parameters(parse.GetValue(month), svb.Info, cli, printWarnings: true);
            var name = selection.Names.Single();
            ReferenceSummary summary;
            var mode = parse.GetValue(failOnBadRows) ? CsvLoadMode.FailWholeLoad : CsvLoadMode.SkipAndReport;
            using (var writer = selection.CreateText(name))
            {
                summary = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters, mode, writer, parse.GetValue(measure), new ReferenceRunOptions(parse.GetValue(maxBadShare)));
            }

            BadRows.Report(cli, summary.Errors);
            if (mode == CsvLoadMode.FailWholeLoad && summary.Errors.Count > 0)
            {
                throw CliException.CheckFailed($"{summary.Errors.Count} bad rows; nothing was written (--fail-on-bad-rows)");
            }

            if (summary.Refusal is { } refusal)
            {
                // The staged selection is discarded: nothing half-decided is left behind.
                throw CliException.InvalidInput($"{refusal}; nothing was written");
            }

            var target = selection.Commit().Single();
            cli.Output.WriteLine($"{summary.Selected:N0} households selected of {summary.Households:N0} ({summary.BelowNorm:N0} below the norm, {summary.ReceivesAio:N0} already receive AIO); {summary.Errors.Count} bad rows skipped; {summary.PersonsCorrectedToNothing} persons whose corrections net the window to zero or less; written to {target}");
            if (ApproximationStatistics.Of(summary) is { } statistics)
            {
                cli.Output.WriteLine(statistics);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>--basis assessment|withholding</c>: what net income means (a parameter of the algorithm version).</summary>
    internal static Option<string> BasisOption()
    {
        var option = new Option<string>("--basis")
        {
            Description = "What net income means: assessment (the final annual assessment; default) or withholding (what the payers withheld each month).",
            DefaultValueFactory = _ => ParameterSet.BasisCode(NetIncomeBasis.AnnualAssessment),
        };
        option.AcceptOnlyFromAmong([.. ParameterSet.BasisCodes.Keys]);
        return option;
    }

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

    /// <summary>A file that cannot be trusted as a whole decides nothing: an input error naming the file and why.</summary>
    private static void Refuse(string file, CsvFileRefusal? refusal)
    {
        if (refusal is not null)
        {
            throw CliException.InvalidInput($"{file} is refused: {refusal}; nothing was decided");
        }
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
        if (!ParameterSet.TryFor(month.Year, month.Month, out var set, out var refusal))
        {
            throw failure(refusal.Message);
        }

        foreach (var warning in printWarnings ? set!.Warnings : [])
        {
            cli.Warn(warning);
        }

        return set!;
    }
}
