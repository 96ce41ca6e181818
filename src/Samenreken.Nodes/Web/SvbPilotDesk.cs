using Microsoft.Extensions.Options;
using Samenreken.Governance;
using Samenreken.Governance.Evaluation;
using Samenreken.Governance.Letters;
using Samenreken.Governance.PilotStore;
using Samenreken.Governance.Responses;
using Samenreken.Governance.Retention;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Svb;
using Samenreken.Pilot.Fairness;
using Samenreken.Storage;
using Samenreken.Web;
using Samenreken.Web.Runs;

namespace Samenreken.Nodes.Web;

/// <summary>The pilot store the SVB node's letters pages work on (section "Pilot"); without <see cref="Store"/> there are no such pages.</summary>
public sealed class PilotDeskOptions
{
    public const string Section = "Pilot";

    /// <summary>The pilot store's own database (never the node database): a SQLite file or a PostgreSQL connection string.</summary>
    public string? Store { get; set; }

    /// <summary>The pilot-store key file (base64 of 32 bytes, mode 0600), as <c>samenreken pilot-store key</c> writes it.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The letter template, e.g. projects/letters/aio-uitnodiging.txt.</summary>
    public string? Template { get; set; }

    /// <summary>Directory with DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

/// <summary>The SVB node's <see cref="ISvbPilotDesk"/>: the same pilot store, rules and audit entries as the pilot commands.</summary>
internal sealed class SvbPilotDesk : ISvbPilotDesk, IDisposable
{
    private readonly PilotDeskOptions _options;
    private readonly IOptions<NodeOptions> _node;
    private readonly IOptions<SvbOptions> _svb;
    private readonly SvbStore _store;
    private readonly NodeSafeguards _safeguards;
    private readonly ProjectDocuments _project;
    private readonly TimeProvider _time;
    private readonly Lazy<PilotStoreKey> _key;
    private readonly Lazy<PilotStoreDatabase> _database;
    private readonly SemaphoreSlim _writes = new(1, 1);

    public SvbPilotDesk(IOptions<PilotDeskOptions> options, IOptions<NodeOptions> node, IOptions<SvbOptions> svb, SvbStore store, NodeSafeguards safeguards, ProjectDocuments project, TimeProvider time)
    {
        _options = options.Value;
        (_node, _svb, _store, _safeguards, _project, _time) = (node, svb, store, safeguards, project, time);
        if (string.Equals(_options.Store?.Trim(), node.Value.Database.Trim(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Pilot:Store must be its own database, not the node database (art. 2: the mailing list is kept apart).");
        }

        _key = new(() => ReadKey(_options.KeyFile));
        _database = new(() => PilotStoreDatabase.Open(_options.Store!));
    }

    public async Task<PilotRunView?> RunAsync(string runId, string actor, CancellationToken cancellation)
    {
        if (!IsCompleted(runId))
        {
            return null;
        }

        var held = await HeldAsync(runId, cancellation).ConfigureAwait(false);
        var records = Records();
        if (!records.Vault.HasRun(runId))
        {
            return new PilotRunView(runId, 0, false, null, held);
        }

        var (register, simulated) = await records.ResponsesAsync(runId, actor, "pilot page: the run's funnel", cancellation).ConfigureAwait(false);
        return new PilotRunView(runId, register.Histories.Count, simulated, PilotRecords.Funnel(register), held);
    }

    public async Task<string?> MakeLettersAsync(string runId, string actor, CancellationToken cancellation)
    {
        if (!IsCompleted(runId) || _store.CreatedAt(runId) is not { } created)
        {
            throw new InvalidOperationException($"Run {runId} is not a completed run of this node.");
        }

        if (await HeldAsync(runId, cancellation).ConfigureAwait(false) is { } held)
        {
            return held;
        }

        await _writes.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var records = Records();
            if (!records.Vault.HasRun(runId))
            {
                var households = SvbSelection.Households(_store, runId, SvbPopulation.Load(_svb.Value.SvbFile));
                var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
                await records.CreateAsync(runId, created, SvbMailingList.Entries(households), today, actor, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            _writes.Release();
        }

        return null;
    }

    public async Task<IReadOnlyList<MailingEntry>> MailingListAsync(string runId, string actor, CancellationToken cancellation)
    {
        var records = Records();
        return records.Vault.HasRun(runId) ? await records.MailingListAsync(runId, actor, "pilot page: the letters", cancellation).ConfigureAwait(false) : [];
    }

    public async Task<byte[]?> LetterPdfAsync(string runId, string reference, string actor, CancellationToken cancellation)
    {
        if (await LetterAsync(runId, reference, actor, "pilot page: one letter as PDF", cancellation).ConfigureAwait(false) is not { } letter)
        {
            return null;
        }

        var fonts = LetterFonts.FromTrueType(
            await File.ReadAllBytesAsync(Path.Combine(_options.FontDirectory, "DejaVuSans.ttf"), cancellation).ConfigureAwait(false),
            await File.ReadAllBytesAsync(Path.Combine(_options.FontDirectory, "DejaVuSans-Bold.ttf"), cancellation).ConfigureAwait(false));
        return LetterRenderer.Pdf(letter, fonts);
    }

    public async Task<string?> LetterHtmlAsync(string runId, string reference, string actor, CancellationToken cancellation)
        => await LetterAsync(runId, reference, actor, "pilot page: preview of one letter", cancellation).ConfigureAwait(false) is { } letter ? LetterRenderer.Html(letter) : null;

    public async Task<IReadOnlyList<string>> RegisterAsync(string runId, IReadOnlyList<ResponseEvent> changes, string actor, CancellationToken cancellation)
    {
        await _writes.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await Records().ApplyAsync(runId, changes, actor, cancellationToken: cancellation).ConfigureAwait(false);
            return [];
        }
        catch (ArgumentException e)
        {
            return [e.Message];
        }
        catch (GovernanceException e)
        {
            return [e.Message];
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<IReadOnlyList<string>> ImportAsync(string runId, string csv, string actor, CancellationToken cancellation)
    {
        var records = Records();
        var (register, _) = await records.ResponsesAsync(runId, actor, "pilot page: check a response import", cancellation).ConfigureAwait(false);
        var errors = register.TryParseCsv(csv, out var events);
        return errors.Count > 0 ? errors : await RegisterAsync(runId, events, actor, cancellation).ConfigureAwait(false);
    }

    public (IReadOnlyList<RetentionRow> Rows, IReadOnlyList<string> Shredded) Retention()
    {
        // The same items retention enforce weighs: per run and category, kept since its oldest record (or the run's end).
        var vault = Records().Vault;
        var now = _time.GetUtcNow();
        var rows = new List<RetentionRow>();
        foreach (var run in vault.Runs())
        {
            foreach (var category in new[] { PilotRecords.MailingList, PilotRecords.Responses })
            {
                var since = vault.SealedRecords(run.RunId, category).Select(r => r.CreatedAt).DefaultIfEmpty(run.RunFinishedAt).Min();
                var (dueAt, reason) = RetentionPlanner.DueAt(Definition(), new RetainedItem(category, run.RunId, since, run.RunFinishedAt));
                rows.Add(new RetentionRow(run.RunId, category, since, dueAt, reason, dueAt <= now));
            }
        }

        return (rows, [.. vault.KeptFigures().Select(k => k.Counts.RunId)]);
    }

    public async Task<EvaluationReport> EvaluationAsync(string actor, int minimumCell, CancellationToken cancellation)
    {
        var (funnels, simulated) = await PilotEvaluation.FunnelsAsync(Records(), actor, cancellation).ConfigureAwait(false);
        return EvaluationReport.Build(funnels, minimumCell, simulated);
    }

    public async Task<IReadOnlyList<ShreddedRun>> EnforceRetentionAsync(string actor, CancellationToken cancellation)
    {
        await _writes.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await PilotRetention.EnforceAsync(Records(), _time, actor, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }

        _writes.Dispose();
    }

    /// <summary>One letter of the run filled from the template; null when the reference is not one of its letters.</summary>
    private async Task<LetterContent?> LetterAsync(string runId, string reference, string actor, string why, CancellationToken cancellation)
    {
        var records = Records();
        if (!records.Vault.HasRun(runId))
        {
            return null;
        }

        var list = await records.MailingListAsync(runId, actor, why, cancellation).ConfigureAwait(false);
        if (list.FirstOrDefault(e => e.Reference == reference) is not { } entry)
        {
            return null;
        }

        var (register, _) = await records.ResponsesAsync(runId, actor, why, cancellation).ConfigureAwait(false);
        var template = LetterTemplate.Parse(await File.ReadAllTextAsync(_options.Template ?? throw new InvalidOperationException("Pilot:Template must name the letter template."), cancellation).ConfigureAwait(false));

        // Dated as the letter was recorded sent (contacted), so the same letter prints the same every time.
        return template.Fill(LetterRecipient.Create(entry.Name, entry.AddressLines, entry.Reference), Definition(), register.HistoryOf(reference)[0].Date);
    }

    private Governance.Definition.ProjectDefinition Definition()
        => _project.Definition ?? throw new InvalidOperationException("The node has no project definition (Node:Project).");

    private PilotRecords Records()
    {
        var audit = _safeguards.Audit;
        return new PilotRecords(new PilotVault(_database.Value, _key.Value, Definition(), audit, _time), audit);
    }

    private bool IsCompleted(string runId) => _store.Status(runId) == "completed";

    /// <summary>Why the letters are held: a fairness alert during the run and hold_letters_on_alert, until the reviewer's decision on the fairness page releases them (or for good after a stop).</summary>
    private async Task<string?> HeldAsync(string runId, CancellationToken cancellation)
    {
        var review = await SvbFairnessReview.ReadAsync(_node.Value.Database, runId, cancellation).ConfigureAwait(false);
        return LetterHold.Reason(review.Alerts, Definition().FairnessMonitor.HoldLettersOnAlert, review.Covering);
    }

    private static PilotStoreKey ReadKey(string? file)
    {
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            throw new InvalidOperationException("Pilot:KeyFile must name the pilot-store key file.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"The pilot-store key file {file} is readable by others; make it mode 0600.");
        }

        var bytes = new byte[64];
        try
        {
            if (!Convert.TryFromBase64String(File.ReadAllText(file).Trim(), bytes, out var written) || written != 32)
            {
                throw new InvalidOperationException($"The pilot-store key in {file} is not base64 of 32 bytes.");
            }

            return PilotStoreKey.Import(bytes.AsSpan(0, 32));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
