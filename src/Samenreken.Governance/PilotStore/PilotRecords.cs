using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Evaluation;
using Samenreken.Governance.Responses;

namespace Samenreken.Governance.PilotStore;

/// <summary>
/// One person on a run's mailing list: the letter's reference (kenmerk, never a BSN), SVB's household key (to find
/// the person in SVB's own administration when they answer), name and address from SVB's own data.
/// </summary>
public sealed record MailingEntry(string Reference, long HouseholdId, string Name, ImmutableArray<string> AddressLines);

/// <summary>
/// What the pilot store holds per run, typed: the mailing list and the response histories, each person one sealed
/// record in <see cref="MailingList"/> or <see cref="Responses"/>. Simulated responses (the demo) are marked as
/// such in every record, so no output can present them as real.
/// </summary>
public sealed class PilotRecords
{
    public const string MailingList = "mailing_list";
    public const string Responses = "responses";

    private static readonly JsonSerializerOptions s_json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly PilotVault _vault;
    private readonly AuditLog _audit;

    public PilotRecords(PilotVault vault, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(audit);
        (_vault, _audit) = (vault, audit);
    }

    public PilotVault Vault => _vault;

    /// <summary>Creates the run in the pilot store: its data key, the sealed mailing list and every person 'contacted' on <paramref name="sent"/>.</summary>
    public async ValueTask CreateAsync(string runId, DateTimeOffset runFinishedAt, IReadOnlyList<MailingEntry> entries, DateOnly sent, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_vault.KeptFigures().Any(k => k.Counts.RunId == runId))
        {
            // Retention destroyed this run's records; making its mailing list again from the selection would undo that.
            throw new GovernanceException(GovernanceRefusal.Destroyed, $"Run {runId} was destroyed by retention: its mailing list is not made again.");
        }

        await _vault.CreateRunAsync(runId, runFinishedAt, actor, cancellationToken).ConfigureAwait(false);
        await _vault.SealAsync(runId, MailingList, [.. entries.Select(e => KeyValuePair.Create(e.Reference, JsonSerializer.SerializeToUtf8Bytes(e, s_json)))], actor, "mailing list from the run's selection", cancellationToken).ConfigureAwait(false);
        var register = new ResponseRegister(runId, entries.Select(e => e.Reference), sent, _audit);
        await _vault.SealAsync(runId, Responses, [.. Encode(register, entries.Select(e => e.Reference), simulated: false)], actor, "every letter recorded as contacted", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<MailingEntry>> MailingListAsync(string runId, string actor, string why, CancellationToken cancellationToken = default)
    {
        var records = await _vault.OpenAsync(runId, MailingList, actor, why, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => JsonSerializer.Deserialize<MailingEntry>(r.Value, s_json)!).OrderBy(e => e.Reference, StringComparer.Ordinal)];
    }

    /// <summary>The run's response register as stored, and whether its responses are simulated.</summary>
    public async ValueTask<(ResponseRegister Register, bool Simulated)> ResponsesAsync(string runId, string actor, string why, CancellationToken cancellationToken = default)
    {
        var records = await _vault.OpenAsync(runId, Responses, actor, why, cancellationToken).ConfigureAwait(false);
        var stored = records.Select(r => (r.Key, Record: JsonSerializer.Deserialize<StoredHistory>(r.Value, s_json)!)).ToList();
        var register = ResponseRegister.Restore(runId, stored.ToDictionary(s => s.Key, s => (IReadOnlyList<ResponseEvent>)s.Record.Events, StringComparer.Ordinal), _audit);
        return (register, stored.Any(s => s.Record.Simulated));
    }

    /// <summary>Applies events to the run's register (checked all together, audited) and stores the changed histories in one transaction.</summary>
    public async ValueTask ApplyAsync(string runId, IReadOnlyList<ResponseEvent> events, string actor, bool simulated = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        _vault.EnsureWritable();
        var (register, wasSimulated) = await ResponsesAsync(runId, actor, "register responses", cancellationToken).ConfigureAwait(false);
        await register.ApplyAsync(events, actor, cancellationToken).ConfigureAwait(false);
        await _vault.ReplaceAllAsync(runId, Responses, [.. Encode(register, ResponseRegister.Touched(events), simulated || wasSimulated)], actor, "responses registered", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's funnel (art. 6): letters sent and how far each person got, counted over their histories.</summary>
    public static FunnelCounts Funnel(ResponseRegister register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var histories = register.Histories.Values.ToList();
        long Reached(params ResponseStatus[] statuses) => histories.Count(h => h.Any(e => statuses.Contains(e.Status)));
        var sent = histories.Select(h => h[0].Date).DefaultIfEmpty().Min();
        return new FunnelCounts(
            register.RunId,
            sent.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            histories.Count,
            Reached(ResponseStatus.Responded),
            Reached(ResponseStatus.Applied),
            Reached(ResponseStatus.Granted),
            Reached(ResponseStatus.Refused));
    }

    private static IEnumerable<KeyValuePair<string, byte[]>> Encode(ResponseRegister register, IEnumerable<string> references, bool simulated) =>
        references.Select(r => KeyValuePair.Create(r, JsonSerializer.SerializeToUtf8Bytes(new StoredHistory(simulated, [.. register.HistoryOf(r)]), s_json)));

    private sealed record StoredHistory(bool Simulated, ImmutableArray<ResponseEvent> Events);
}
