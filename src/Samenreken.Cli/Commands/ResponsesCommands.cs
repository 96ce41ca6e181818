using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Governance.Evaluation;
using Samenreken.Governance.Responses;

namespace Samenreken.Cli;

/// <summary>Options the pilot commands share beyond the stores.</summary>
internal static class PilotCommandOptions
{
    public static Option<string> Run() => new("--run") { Description = "The run (its id in the pilot store).", Required = true };

    /// <summary>A date yyyy-MM-dd, refused at parse time otherwise.</summary>
    public static Option<DateOnly?> Date(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result => DateOnly.TryParseExact(result.Tokens.Count == 1 ? result.Tokens[0].Value : "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : Refuse(result, name),
    };

    private static DateOnly? Refuse(ArgumentResult result, string name)
    {
        result.AddError($"{name} must be a date yyyy-MM-dd; got '{(result.Tokens.Count == 1 ? result.Tokens[0].Value : "")}'.");
        return null;
    }
}

/// <summary>
/// <c>samenreken responses set|import|simulate</c>: the response register (art. 2) in the pilot store. Every change is
/// checked as a whole (an import with one bad line stores nothing), audited, then stored in one transaction.
/// </summary>
internal static class ResponsesCommands
{
    /// <summary>The share of households whose simulated assets exceed the AIO limit (the synthetic population has no assets).</summary>
    public const double SimulatedAssetsAboveLimitShare = 0.25;

    public static Command Create()
    {
        var command = new Command("responses", "Register what followed each letter: responses, meldingen, applications, decisions, objections.");
        command.Add(Set());
        command.Add(Import());
        command.Add(Simulate());
        return command;
    }

    private static Command Set()
    {
        var store = new PilotStoreOptions();
        var run = PilotCommandOptions.Run();
        var reference = new Option<string>("--reference") { Description = "The letter's reference (kenmerk).", Required = true };
        var status = new Option<ResponseStatus>("--status") { Description = "The new status.", Required = true };
        var date = PilotCommandOptions.Date("--date", "The date of the change, yyyy-MM-dd.", required: true);
        var channel = new Option<string?>("--channel") { Description = "How the person responded (brief, telefoon, balie, online, email); needed for Responded." };
        var command = new Command("set", "Record one change for one letter.") { run, reference, status, date, channel };
        store.AddTo(command);
        command.SetCliAction(async (parse, context, cancellation) =>
        {
            using var session = PilotSession.Open(parse, context, store);
            var change = new ResponseEvent(parse.GetValue(reference)!, parse.GetValue(status), parse.GetValue(date)!.Value, parse.GetValue(channel));
            try
            {
                await session.Records.ApplyAsync(parse.GetValue(run)!, [change], session.Actor, cancellationToken: cancellation).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw CliException.Usage(e.Message);
            }

            context.Output.WriteLine($"{change.Reference}: {change.Status}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import()
    {
        var store = new PilotStoreOptions();
        var run = PilotCommandOptions.Run();
        var file = new Argument<FileInfo>("file") { Description = "CSV with header kenmerk,status,datum,kanaal; one change per line." };
        var command = new Command("import", "Record many changes from a CSV file: all lines or none; every bad line is reported with its number.") { file, run };
        store.AddTo(command);
        command.SetCliAction(async (parse, context, cancellation) =>
        {
            var csv = parse.GetValue(file)!;
            if (!csv.Exists)
            {
                throw CliException.FileAccess($"{csv.FullName} does not exist");
            }

            using var session = PilotSession.Open(parse, context, store);
            var runId = parse.GetValue(run)!;
            var (register, _) = await session.Records.ResponsesAsync(runId, session.Actor, "check a response import", cancellation).ConfigureAwait(false);
            var errors = register.TryParseCsv(await File.ReadAllTextAsync(csv.FullName, cancellation).ConfigureAwait(false), out var events);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    context.Note($"{csv.Name}: {error}");
                }

                throw CliException.InvalidInput($"{csv.FullName}: {errors.Count} bad line{(errors.Count == 1 ? "" : "s")} (above); nothing was imported");
            }

            await session.Records.ApplyAsync(runId, events, session.Actor, cancellationToken: cancellation).ConfigureAwait(false);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {events.Count} changes for run {runId}"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The demo's funnel: responses drawn from the synthetic population's ground truth, marked SIMULATED in the store and in every output.</summary>
    private static Command Simulate()
    {
        var store = new PilotStoreOptions();
        var run = PilotCommandOptions.Run();
        var data = CliOptions.Data(description: "Directory with the synthetic svb.csv and uwv.csv: the ground truth the selection never saw.");
        var seed = CliOptions.Seed();
        var command = new Command("simulate", "SIMULATED responses for a demo run, from the synthetic population's ground truth (never for real letters).") { run, data, seed };
        store.AddTo(command);
        command.SetCliAction(async (parse, context, cancellation) =>
        {
            using var session = PilotSession.Open(parse, context, store);
            if (!session.Definition.IsFictitious)
            {
                throw CliException.Usage($"project '{session.Definition.Id}' is not fictitious: simulated responses are for demonstration projects only");
            }

            var runId = parse.GetValue(run)!;
            var truth = GroundTruth(DataFiles.In(parse.GetValue(data)!), parse.GetValue(seed));
            var list = await session.Records.MailingListAsync(runId, session.Actor, "simulate responses (demo)", cancellation).ConfigureAwait(false);
            var (register, _) = await session.Records.ResponsesAsync(runId, session.Actor, "simulate responses (demo)", cancellation).ConfigureAwait(false);
            var households = list.Select(e => truth.TryGetValue(e.HouseholdId, out var t)
                ? new SimulatedHousehold(e.Reference, t.BelowNorm, t.AssetsAboveLimit)
                : throw CliException.InvalidInput($"household of letter {e.Reference} is not in the synthetic data")).ToList();
            var sent = households.Select(h => register.HistoryOf(h.Reference)[0].Date).DefaultIfEmpty(session.Today).Min();
            var events = FunnelSimulation.Simulate(households, sent, parse.GetValue(seed));
            await session.Records.ApplyAsync(runId, events, session.Actor, simulated: true, cancellation).ConfigureAwait(false);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SIMULATED: {events.Count} response events for {households.Count} letters of run {runId}"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Per household: truly below the norm (the household-aware net income), and simulated assets above the limit.</summary>
    private static Dictionary<long, (bool BelowNorm, bool AssetsAboveLimit)> GroundTruth(DataFiles files, ulong seed)
    {
        using var svbText = files.OpenSvb();
        var svb = SvbFile.OpenHouseholds(svbText).Load(CsvLoadMode.SkipAndReport, CsvReader<Household>.DefaultMaxBadRowShare);
        using var uwvText = files.OpenUwv();
        var uwv = PolisFile.OpenPersons(uwvText).Load(CsvLoadMode.SkipAndReport, CsvReader<PersonPolis>.DefaultMaxBadRowShare);
        if (svb.Refusal is not null || uwv.Refusal is not null)
        {
            throw CliException.InvalidInput($"the synthetic data is refused: {svb.Refusal ?? uwv.Refusal}");
        }

        if (!ParameterSet.TryForMonth(svb.Info["reference_month"], out var parameters, out var refusal))
        {
            throw CliException.InvalidInput(refusal.Message);
        }

        var polis = uwv.Records.ToDictionary(p => p.Bsn, p => p.Records.ToArray());
        IReadOnlyList<PolisRecord> Statements(Domain.Bsn b) => polis.TryGetValue(b, out var r) ? r : [];
        return svb.Records.ToDictionary(
            h => h.Id,
            h => (TrueNetIncome.HouseholdCents(h, Statements, parameters!) < parameters!.Norm(h.Type).Cents,
                  FunnelSimulation.Draw(seed, h.Id.ToString(CultureInfo.InvariantCulture), "assets") < SimulatedAssetsAboveLimitShare));
    }
}
