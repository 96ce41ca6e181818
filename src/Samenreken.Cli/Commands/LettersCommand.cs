using System.CommandLine;
using System.Globalization;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Letters;
using Samenreken.Governance.PilotStore;
using Samenreken.Nodes.Svb;
using Samenreken.Storage;

namespace Samenreken.Cli;

/// <summary>
/// <c>samenreken letters --run RUN --out DIR</c>: the first time, the run's selection (SVB's node database) joined with
/// name and address from SVB's own file becomes the run's mailing list in the pilot store; then one letter per
/// person, PDF and HTML, from the template file. The export is audited before a file is written.
/// </summary>
internal static class LettersCommand
{
    /// <summary>DejaVu Sans (Debian's fonts-dejavu-core): embedded in every PDF.</summary>
    public const string DefaultFontDirectory = "/usr/share/fonts/truetype/dejavu";

    public static Command Create()
    {
        var store = new PilotStoreOptions();
        var run = new Option<string>("--run") { Description = "The run whose selected persons get a letter.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the letters (KENMERK.pdf and KENMERK.html, mode 0600: personal data).", Required = true };
        var svbFile = new Option<FileInfo?>("--svb-file") { Description = "SVB's own file (svb.csv) with names and addresses; read only when the run's mailing list is not yet in the pilot store." };
        var template = new Option<FileInfo>("--template") { Description = "Letter template, e.g. projects/letters/aio-uitnodiging.txt.", Required = true };
        var fonts = new Option<DirectoryInfo>("--font-dir") { Description = "Directory with DejaVuSans.ttf and DejaVuSans-Bold.ttf.", DefaultValueFactory = _ => new DirectoryInfo(DefaultFontDirectory) };
        var date = PilotCommandOptions.Date("--date", "The letters' date, yyyy-MM-dd (default: today).");
        var decision = new Option<FileInfo?>("--fairness-decision")
        {
            Description = "The reviewer's decision (fairness-decision.json of fairness acknowledge): needed when the monitor raised an alert during the run and the project holds letters on alert.",
        };
        var force = CliOptions.Force();
        var command = new Command("letters", "Write one letter per selected person of a run (PDF and HTML), from the pilot store's mailing list.") { run, output, svbFile, template, fonts, date, decision, force };
        store.AddTo(command);
        command.SetCliAction((parse, context, cancellation) => RunAsync(parse, context, store, run, output, svbFile, template, fonts, date, decision, force, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, CliContext context, PilotStoreOptions store, Option<string> run, Option<DirectoryInfo> output, Option<FileInfo?> svbFile, Option<FileInfo> template, Option<DirectoryInfo> fonts,
        Option<DateOnly?> date, Option<FileInfo?> decision, Option<bool> force, CancellationToken cancellation)
    {
        var letterTemplate = ReadTemplate(parse.GetValue(template)!, context);
        var letterFonts = ReadFonts(parse.GetValue(fonts)!);
        using var session = PilotSession.Open(parse, context, store);
        var runId = parse.GetValue(run)!;
        var letterDate = parse.GetValue(date) ?? session.Today;
        if (await LetterRelease.HeldAsync(session.NodeDatabase, runId, session.Definition, parse.GetValue(decision), cancellation).ConfigureAwait(false) is { } held)
        {
            throw CliException.CheckFailed($"the letters of run {runId} are held: {held}");
        }

        if (!session.Records.Vault.HasRun(runId))
        {
            var entries = MailingList(session, runId, parse.GetValue(svbFile));
            await session.Records.CreateAsync(runId, entries.RunCreated, entries.Entries, letterDate, session.Actor, cancellation).ConfigureAwait(false);
            context.Note($"mailing list of run {runId}: {entries.Entries.Count} persons sealed into the pilot store");
        }

        var list = await session.Records.MailingListAsync(runId, session.Actor, "letters", cancellation).ConfigureAwait(false);
        using var staged = StagedOutput.Create(parse.GetValue(output)!, [.. list.SelectMany(e => new[] { new OutputFile(e.Reference + ".pdf"), new OutputFile(e.Reference + ".html") })], parse.GetValue(force));
        await session.Audit.AppendAsync(AuditRecord.Create(AuditKind.PilotStoreExport, session.Actor, runId, "letters written (PDF and HTML)", counts: [new("letters", list.Count)]), cancellation).ConfigureAwait(false);
        foreach (var entry in list)
        {
            var letter = letterTemplate.Fill(LetterRecipient.Create(entry.Name, entry.AddressLines, entry.Reference), session.Definition, letterDate);
            await File.WriteAllBytesAsync(staged.StagedPath(entry.Reference + ".pdf"), LetterRenderer.Pdf(letter, letterFonts), cancellation).ConfigureAwait(false);
            await File.WriteAllTextAsync(staged.StagedPath(entry.Reference + ".html"), LetterRenderer.Html(letter), cancellation).ConfigureAwait(false);
        }

        staged.Commit();
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {list.Count} letters (PDF and HTML) for run {runId} to {staged.Directory}"));
        return ExitCodes.Success;
    }

    /// <summary>The run's selected households from the node database, each AOW recipient with name and address from SVB's own file.</summary>
    private static (IReadOnlyList<MailingEntry> Entries, DateTimeOffset RunCreated) MailingList(PilotSession session, string runId, FileInfo? svbFile)
    {
        if (svbFile is null)
        {
            throw CliException.Usage($"run {runId} is not yet in the pilot store: give --svb-file (SVB's own file with names and addresses) to make its mailing list");
        }

        if (!svbFile.Exists)
        {
            throw CliException.FileAccess($"{svbFile.FullName} does not exist");
        }

        var node = SvbStore.Open(session.NodeDatabase);
        if (node.Status(runId) is not "completed" || node.CreatedAt(runId) is not { } created)
        {
            throw CliException.CheckFailed($"run {runId} is not a completed run in the SVB node database; letters go out only after a run finished");
        }

        IReadOnlyList<Domain.Svb.Household> households;
        try
        {
            households = SvbSelection.Households(node, runId, SvbPopulation.Load(svbFile.FullName));
        }
        catch (InvalidOperationException e)
        {
            throw CliException.InvalidInput(e.Message);
        }

        var entries = SvbMailingList.Entries(households);

        // The retention term of a mailing list counts from the run's end; its start is earlier, so the term never runs longer than the rule allows.
        return (entries, created);
    }

    private static LetterTemplate ReadTemplate(FileInfo file, CliContext context)
        => ProjectCommands.ReadValid<LetterTemplate>(file, context, "letter template", text => LetterTemplate.TryParse(text, out var template, out var errors) ? (template, []) : (null, errors));

    private static LetterFonts ReadFonts(DirectoryInfo directory)
    {
        var regular = Path.Combine(directory.FullName, "DejaVuSans.ttf");
        var bold = Path.Combine(directory.FullName, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular) || !File.Exists(bold))
        {
            throw CliException.FileAccess($"fonts missing: {regular} and {bold} (Debian: apt-get install fonts-dejavu-core, or --font-dir)");
        }

        return LetterFonts.FromTrueType(File.ReadAllBytes(regular), File.ReadAllBytes(bold));
    }
}
