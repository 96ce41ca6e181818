using System.CommandLine;
using System.Globalization;
using System.Text;
using Samenreken.Domain.Csv;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Fairness;
using Samenreken.Fairness.Reporting;
using Samenreken.Governance.Definition;
using Samenreken.Pilot;
using Samenreken.Pilot.Fairness;
using Samenreken.Synthetic;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken fairness report</c> and <c>fairness acknowledge</c>: the non-discrimination monitor's report of a run
/// (issue 17), and the equal-treatment reviewer's decision on its alerts. Thin: the statistics are
/// <c>Samenreken.Fairness</c>'s, the households and looks <see cref="RunMonitor"/>'s; this loads and writes files.
/// </summary>
internal static class FairnessCommands
{
    public static Command Create()
        => new("fairness", "The non-discrimination monitor: the report of a run, and the reviewer's decision on its alerts.") { Report(), Acknowledge() };

    private static Option<DirectoryInfo> RunOption() => new("--run")
    {
        Description = "The run's output directory at SVB (selection.csv, and fairness-alerts.json when the node monitored it).",
        Required = true,
    };

    private static Command Report()
    {
        var run = RunOption();
        var data = CliOptions.Data(description: "Directory holding svb.csv (and uwv.csv for --ground-truth).");
        var project = ProjectCommands.ProjectOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for fairness.json, fairness.html and fairness-alerts.json.", Required = true };
        var english = new Option<bool>("--english") { Description = "Sentences, verdict and page in English (default Dutch)." };
        var truth = new Option<bool>("--ground-truth") { Description = "Synthetic data only: add recall and precision per group from the generator's truth (reads uwv.csv)." };
        var funnel = new Option<FileInfo?>("--funnel") { Description = "After evaluation: household_id,responded,applied,granted (0/1) per approached household; adds fairness-funnel.json and .html." };
        var force = CliOptions.Force();
        var command = new Command("report", "The fairness report of a run: per group rates with intervals, raw and justified disparity, findings in plain language; JSON and HTML.")
        {
            run, data, project, output, english, truth, funnel, force,
        };
        command.SetCliAction((parse, cli) =>
        {
            var definition = ProjectCommands.Load(parse, cli, project);
            var runDirectory = parse.GetValue(run)!;
            var selectionFile = Path.Combine(runDirectory.FullName, "selection.csv");
            var dataDirectory = parse.GetValue(data)!;
            var svbFile = Path.Combine(dataDirectory.FullName, PopulationGenerator.SvbFileName);
            var uwvFile = Path.Combine(dataDirectory.FullName, PopulationGenerator.UwvFileName);
            var withTruth = parse.GetValue(truth);
            var funnelFile = parse.GetValue(funnel)?.FullName;
            foreach (var file in new[] { selectionFile, svbFile, withTruth ? uwvFile : null, funnelFile }.OfType<string>())
            {
                if (!File.Exists(file))
                {
                    throw CliException.FileAccess($"{file}: no such file");
                }
            }

            OutputFile[] outputs = funnelFile is null ? Outputs : [.. Outputs, new(FunnelJsonFileName), new(FunnelHtmlFileName)];
            using var staged = StagedOutput.Create(parse.GetValue(output)!, outputs, parse.GetValue(force), new[] { selectionFile, svbFile, uwvFile, funnelFile }.OfType<string>());
            var language = parse.GetValue(english) ? ReportLanguage.English : ReportLanguage.Dutch;
            var selected = SelectedHouseholds(selectionFile);
            var outcomes = funnelFile is null ? null : FunnelOutcomes(funnelFile, selected);
            var result = FairnessRun.Replay(definition, svbFile, withTruth ? uwvFile : null, selected, language, outcomes);
            Write(staged.StagingDirectory, result);
            staged.Commit();
            cli.Output.WriteLine(Summary(result, definition, Decision(runDirectory.FullName)));
            if (result.Funnel is { } evaluated)
            {
                var flagged = evaluated.Groups.Where(g => g.Flagged).Select(g => g.Attribute + "=" + g.Value).ToList();
                cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"funnel: {evaluated.Approached} approached, {evaluated.Responded} responded, {evaluated.Applied} applied, {evaluated.Granted} granted; groups granted clearly more or less often: {(flagged.Count == 0 ? "none" : string.Join(", ", flagged))}"));
            }

            cli.Output.WriteLine($"report in {Path.Combine(staged.Directory, FairnessRunFiles.HtmlFileName)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Acknowledge()
    {
        var run = RunOption();
        var reviewer = new Option<string>("--reviewer") { Description = "Who decides (name or role of the equal-treatment reviewer).", Required = true };
        var decision = new Option<ReviewDecision>("--decision") { Description = "release: the letters may go out; stop: this run's letters do not go out.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, in one or two sentences (kept with the decision).", Required = true };
        var force = CliOptions.Force();
        var command = new Command("acknowledge", "Record the reviewer's decision on a run's fairness alerts; letters held on an alert wait for it.") { run, reviewer, decision, reason, force };
        command.SetCliAction((parse, cli) =>
        {
            var directory = parse.GetValue(run)!;
            var alertsFile = Path.Combine(directory.FullName, FairnessRunFiles.AlertsFileName);
            if (!File.Exists(alertsFile))
            {
                throw CliException.FileAccess($"{alertsFile}: no such file; the run was not monitored (run the SVB node with a project, or fairness report --out into the run directory)");
            }

            var record = FairnessRunFiles.TryParse<MonitorRecord>(File.ReadAllText(alertsFile), out var problem)
                ?? throw CliException.InvalidInput($"{alertsFile} is not a monitor record: {problem}");
            foreach (var (name, text) in new[] { ("--reviewer", parse.GetValue(reviewer)), ("--reason", parse.GetValue(reason)) })
            {
                if (!ReviewerDecisions.IsOneLine(text))
                {
                    throw CliException.Usage($"{name} must be one non-empty line");
                }
            }

            var review = ReviewerDecisions.Record(record.PlanHash, record.Alerts.Count, parse.GetValue(decision), parse.GetValue(reviewer)!, parse.GetValue(reason)!, DateTimeOffset.UtcNow);
            using var staged = StagedOutput.Create(directory, [new(FairnessRunFiles.DecisionFileName)], parse.GetValue(force), [alertsFile]);
            File.WriteAllText(staged.StagedPath(FairnessRunFiles.DecisionFileName), FairnessRunFiles.Serialize(review), new UTF8Encoding(false));
            staged.Commit();
            cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{review.Decision.ToString().ToLowerInvariant()} recorded for {review.Alerts} alert{(review.Alerts == 1 ? "" : "s")} of plan {review.PlanHash[..12]}: letters {(review.Decision == ReviewDecision.Release ? "may go out" : "stay held")}"));
            return ExitCodes.Success;
        });
        return command;
    }

    public const string FunnelJsonFileName = "fairness-funnel.json";

    public const string FunnelHtmlFileName = "fairness-funnel.html";

    private static readonly OutputFile[] Outputs =
        [new(FairnessRunFiles.ReportFileName), new(FairnessRunFiles.HtmlFileName), new(FairnessRunFiles.AlertsFileName)];

    /// <summary>The report, its page and the replayed alerts, into <paramref name="directory"/>.</summary>
    internal static void Write(string directory, FairnessRunResult result)
    {
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, FairnessRunFiles.ReportFileName), FairnessRunFiles.Serialize(result.Report), utf8);
        File.WriteAllText(Path.Combine(directory, FairnessRunFiles.HtmlFileName), FairnessHtml.Render(result.Report), utf8);
        File.WriteAllText(Path.Combine(directory, FairnessRunFiles.AlertsFileName), FairnessRunFiles.Serialize(result.Record), utf8);
        if (result.Funnel is { } funnel)
        {
            File.WriteAllText(Path.Combine(directory, FunnelJsonFileName), FairnessRunFiles.Serialize(funnel), utf8);
            File.WriteAllText(Path.Combine(directory, FunnelHtmlFileName), FunnelHtml.Render(funnel, result.Report.Language), utf8);
        }
    }

    /// <summary>
    /// The evaluation's outcomes per approached household (household_id,responded,applied,granted as 0/1), as the pilot
    /// store's evaluation exports them; every household must be in the selection and the stages must nest.
    /// </summary>
    private static Dictionary<long, FunnelOutcome> FunnelOutcomes(string file, IReadOnlySet<long> selected)
    {
        const string header = "household_id,responded,applied,granted";
        var lines = File.ReadLines(file).ToList();
        if (lines.Count == 0 || lines[0] != header)
        {
            throw CliException.InvalidInput($"{file} is not a funnel file (header {header})");
        }

        var outcomes = new Dictionary<long, FunnelOutcome>();
        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l, i + 2)).Where(l => l.l.Length > 0))
        {
            var fields = line.Split(',');
            bool Flag(int i) => fields[i] == "1";
            if (fields.Length != 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || fields.Skip(1).Any(f => f is not ("0" or "1")))
            {
                throw CliException.InvalidInput($"{file}: bad row: line {number}: expected a household id and three 0/1 fields");
            }

            if (!selected.Contains(id) || !outcomes.TryAdd(id, new FunnelOutcome(Flag(1), Flag(2), Flag(3))))
            {
                throw CliException.InvalidInput($"{file}: bad row: line {number}: the household is not in the run's selection, or listed twice");
            }

            if ((Flag(3) && !Flag(2)) || (Flag(2) && !Flag(1)))
            {
                throw CliException.InvalidInput($"{file}: bad row: line {number}: granted without applied, or applied without responding");
            }
        }

        return outcomes;
    }

    /// <summary>The one-line verdict, the alerts, and whether the letters are held.</summary>
    internal static string Summary(FairnessRunResult result, ProjectDefinition definition, ReviewDecision? decision)
        => Summary(result.Report, result.Record, definition, decision);

    /// <summary>The verdict of <paramref name="report"/>, and the letters held or not by the alerts of <paramref name="alerts"/>.</summary>
    private static string Summary(FairnessReport report, MonitorRecord alerts, ProjectDefinition definition, ReviewDecision? decision)
    {
        var held = LetterHold.Reason(alerts.Alerts.Count, definition.FairnessMonitor.HoldLettersOnAlert, decision);
        return string.Create(CultureInfo.InvariantCulture,
            $"fairness: {report.Verdict} ({alerts.Alerts.Count} alert{(alerts.Alerts.Count == 1 ? "" : "s")} in {alerts.Looks} looks; letters {(held is null ? "may go out" : "held: " + held)})");
    }

    /// <summary>
    /// The demo's fairness report: the whole run with the synthetic truth (recall per group) into <c>fairness/</c> of
    /// the demo's folder; the letters are held by the alerts the SVB node raised in flight. Returns the verdict line.
    /// </summary>
    internal static string WriteDemoReport(string demoDirectory, string projectFile)
    {
        var definition = ProjectDefinition.Parse(File.ReadAllText(projectFile));
        var run = Path.Combine(demoDirectory, "svb");
        var data = Path.Combine(demoDirectory, "data");
        var result = FairnessRun.Replay(definition, Path.Combine(data, PopulationGenerator.SvbFileName), Path.Combine(data, PopulationGenerator.UwvFileName), SelectedHouseholds(Path.Combine(run, "selection.csv")), ReportLanguage.Dutch);
        var output = Directory.CreateDirectory(Path.Combine(demoDirectory, "fairness")).FullName;
        Write(output, result);
        var inFlight = FairnessRunFiles.TryParse<MonitorRecord>(File.ReadAllText(Path.Combine(run, FairnessRunFiles.AlertsFileName)), out var problem)
            ?? throw new InvalidDataException($"The SVB node's {FairnessRunFiles.AlertsFileName} is unreadable: {problem}");
        return Summary(result.Report, inFlight, definition, Decision(run)) + $"; report in {Path.Combine(output, FairnessRunFiles.HtmlFileName)}";
    }

    /// <summary>The reviewer's decision recorded in a run directory, if any.</summary>
    internal static ReviewDecision? Decision(string runDirectory)
    {
        var file = Path.Combine(runDirectory, FairnessRunFiles.DecisionFileName);
        return File.Exists(file) ? FairnessRunFiles.TryParse<ReviewRecord>(File.ReadAllText(file), out _)?.Decision : null;
    }

    /// <summary>The household ids of a selection file (household_id,household_type,bsn).</summary>
    private static HashSet<long> SelectedHouseholds(string selectionFile)
    {
        var ids = new HashSet<long>();
        var lines = File.ReadLines(selectionFile).ToList();
        if (lines.Count == 0 || lines[0] != Domain.NetIncome.ReferenceSelection.Header)
        {
            throw CliException.InvalidInput($"{selectionFile} is not a selection (header {Domain.NetIncome.ReferenceSelection.Header})");
        }

        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l, i + 2)).Where(l => l.l.Length > 0))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || !long.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw CliException.InvalidInput($"{selectionFile}: bad row: line {number}, column 'household_id'");
            }

            ids.Add(id);
        }

        return ids;
    }
}

/// <summary>A replayed run: the report and the record of its looks and alerts, and the funnel when the evaluation's outcomes were given.</summary>
internal sealed record FairnessRunResult(FairnessReport Report, MonitorRecord Record, FunnelReport? Funnel = null);

/// <summary>What became of one approached household.</summary>
internal readonly record struct FunnelOutcome(bool Responded, bool Applied, bool Granted);

/// <summary>Replays a run's selection through the monitor with the run's looks (the households in the node's order).</summary>
internal static class FairnessRun
{
    public static FairnessRunResult Replay(ProjectDefinition definition, string svbFile, string? uwvFileForTruth, IReadOnlySet<long> selected, ReportLanguage language, IReadOnlyDictionary<long, FunnelOutcome>? funnel = null)
    {
        using var svbText = new StreamReader(svbFile);
        var svb = SvbFile.OpenHouseholds(svbText).Load(CsvLoadMode.SkipAndReport, CsvReader<Household>.DefaultMaxBadRowShare);
        if (svb.Refusal is { } refusal)
        {
            throw CliException.InvalidInput($"{PopulationGenerator.SvbFileName} is refused: {refusal}");
        }

        var parameters = PilotParties.Parameters(svb.Info, "SVB");
        // The run's households: all but those already receiving AIO, in file order (as the SVB node loads them).
        var households = svb.Records.Where(h => !h.ReceivesAio).ToList();
        var unknown = selected.Except(households.Select(h => h.Id)).Count();
        if (unknown > 0)
        {
            throw CliException.InvalidInput($"the selection names {unknown} household{(unknown == 1 ? "" : "s")} that are not in {PopulationGenerator.SvbFileName}: another run's data?");
        }

        IReadOnlySet<long>? truth = null;
        if (uwvFileForTruth is not null)
        {
            if (!svb.Info.IsSynthetic)
            {
                throw CliException.Usage("--ground-truth needs synthetic data: real data has no truth to read");
            }

            using var uwvText = new StreamReader(uwvFileForTruth);
            var uwv = PolisFile.OpenPersons(uwvText).Load(CsvLoadMode.SkipAndReport, CsvReader<PersonPolis>.DefaultMaxBadRowShare);
            if (uwv.Refusal is { } uwvRefusal)
            {
                throw CliException.InvalidInput($"{PopulationGenerator.UwvFileName} is refused: {uwvRefusal}");
            }

            truth = GroundTruth.TrulyBelowNorm(households, uwv.Records.ToDictionary(p => p.Bsn, p => p.Records.ToArray()), parameters);
        }

        var plan = PilotMonitoring.Plan(definition.FairnessMonitor);
        var monitor = RunMonitor.Create(plan, households.Count);
        var day = PilotMonitoring.ReferenceDay(parameters.ReferenceMonth);
        bool? Eligible(Household h) => truth is null ? null : GroundTruth.TrulyEligible(h, truth);
        monitor.Add(households.Select(h => PilotMonitoring.Observe(h, day, selected.Contains(h.Id), Eligible(h))), language);
        var funnelReport = funnel is null ? null : FunnelAnalyzer.Analyze(plan, [.. households.Select(h => funnel.TryGetValue(h.Id, out var o)
            ? new FunnelHousehold(MonitoredAttributes.Of(h, day), true, o.Responded, o.Applied, o.Granted, Eligible(h))
            : new FunnelHousehold(MonitoredAttributes.Of(h, day), false, false, false, false, Eligible(h)))]);
        return new FairnessRunResult(monitor.Report(language), FairnessRunFiles.Record(monitor, households.Count), funnelReport);
    }
}
