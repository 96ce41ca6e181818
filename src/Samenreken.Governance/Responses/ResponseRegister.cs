using System.Collections.Immutable;
using System.Globalization;
using Samenreken.Governance.Audit;

namespace Samenreken.Governance.Responses;

/// <summary>Where a person stands after the letter (art. 2; a request is registered as a melding under art. 44 Participatiewet).</summary>
public enum ResponseStatus
{
    Contacted,
    Responded,
    RegisteredAsRequest,
    Applied,
    Granted,
    Refused,
    NoResponse,
    Objected,
}

/// <summary>One change for one letter, identified by the letter's reference (kenmerk), never by BSN.</summary>
public sealed record ResponseEvent(string Reference, ResponseStatus Status, DateOnly Date, string? Channel);

/// <summary>
/// The response register's rules: which status may follow which, single updates and CSV bulk imports
/// (all-or-nothing, errors by line), and an audit entry before every change.
/// </summary>
public sealed class ResponseRegister
{
    private static readonly string[] s_channels = ["brief", "telefoon", "balie", "online", "email"];

    private static readonly Dictionary<ResponseStatus, ResponseStatus[]> s_allowedAfter = new()
    {
        [ResponseStatus.Contacted] = [],
        [ResponseStatus.Responded] = [ResponseStatus.Contacted, ResponseStatus.NoResponse],
        [ResponseStatus.NoResponse] = [ResponseStatus.Contacted],
        [ResponseStatus.RegisteredAsRequest] = [ResponseStatus.Responded],
        [ResponseStatus.Applied] = [ResponseStatus.Responded, ResponseStatus.RegisteredAsRequest],
        [ResponseStatus.Granted] = [ResponseStatus.Applied],
        [ResponseStatus.Refused] = [ResponseStatus.Applied],
        [ResponseStatus.Objected] = [ResponseStatus.Contacted, ResponseStatus.Responded, ResponseStatus.NoResponse, ResponseStatus.RegisteredAsRequest],
    };

    private readonly Dictionary<string, ImmutableList<ResponseEvent>> _history = new(StringComparer.Ordinal);
    private readonly AuditLog _audit;

    /// <summary>A register for the letters of one run: every reference starts as <see cref="ResponseStatus.Contacted"/>.</summary>
    public ResponseRegister(string runId, IEnumerable<string> references, DateOnly sent, AuditLog audit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(audit);
        RunId = runId;
        _audit = audit;
        foreach (var reference in references)
        {
            _history[reference] = [new ResponseEvent(reference, ResponseStatus.Contacted, sent, "brief")];
        }
    }

    /// <summary>A register restored from the pilot store: each reference with its full history (first event: contacted).</summary>
    public static ResponseRegister Restore(string runId, IReadOnlyDictionary<string, IReadOnlyList<ResponseEvent>> histories, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var register = new ResponseRegister(runId, [], default, audit);
        foreach (var (reference, history) in histories)
        {
            if (history.Count == 0 || history[0].Status != ResponseStatus.Contacted || history.Any(e => e.Reference != reference))
            {
                throw new ArgumentException("A stored history starts with the letter (contacted) and names one reference.", nameof(histories));
            }

            register._history[reference] = [.. history];
        }

        return register;
    }

    public string RunId { get; }

    /// <summary>Every reference with its history, for storing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ResponseEvent>> Histories => _history.ToDictionary(h => h.Key, h => (IReadOnlyList<ResponseEvent>)h.Value, StringComparer.Ordinal);

    /// <summary>The references whose history changed with <paramref name="events"/>: what must be stored again.</summary>
    public static IReadOnlySet<string> Touched(IEnumerable<ResponseEvent> events) => events.Select(e => e.Reference).ToHashSet(StringComparer.Ordinal);

    public ResponseStatus StatusOf(string reference) => _history[reference][^1].Status;

    public IReadOnlyList<ResponseEvent> HistoryOf(string reference) => _history[reference];

    /// <summary>Counts per current status: what the evaluation reads.</summary>
    public IReadOnlyDictionary<ResponseStatus, int> Counts() => _history.Values.GroupBy(h => h[^1].Status).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Parses a CSV (header kenmerk,status,datum,kanaal) into events; every problem is reported with its line.</summary>
    public IReadOnlyList<string> TryParseCsv(string text, out IReadOnlyList<ResponseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var parsed = new List<ResponseEvent>();
        events = parsed;
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (lines[0].Trim() != "kenmerk,status,datum,kanaal")
        {
            return ["line 1: the header must be kenmerk,status,datum,kanaal"];
        }

        var simulated = _history.ToDictionary(h => h.Key, h => h.Value[^1].Status, StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = i + 1;
            var fields = lines[i].Split(',');
            if (fields.Length != 4)
            {
                errors.Add(Invariant($"line {line}: expected 4 fields, found {fields.Length}"));
                continue;
            }

            var (reference, statusText, dateText, channel) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim());
            var error = Check(reference, statusText, dateText, channel, simulated, out var evt);
            if (error is not null)
            {
                errors.Add(Invariant($"line {line}: {error}"));
                continue;
            }

            simulated[reference] = evt!.Status;
            parsed.Add(evt);
        }

        return errors;
    }

    /// <summary>Applies events, all or nothing: checks them all, audits the change (counts per status), then records it.</summary>
    public async ValueTask ApplyAsync(IReadOnlyList<ResponseEvent> events, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var simulated = _history.ToDictionary(h => h.Key, h => h.Value[^1].Status, StringComparer.Ordinal);
        foreach (var evt in events)
        {
            var error = Check(evt.Reference, evt.Status.ToString(), evt.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), evt.Channel ?? "", simulated, out _);
            if (error is not null)
            {
                throw new ArgumentException(error, nameof(events));
            }

            simulated[evt.Reference] = evt.Status;
        }

        await _audit.AppendAsync(AuditRecord.Create(AuditKind.ResponseRegistered, actor, RunId, "responses registered",
            counts: events.GroupBy(e => e.Status).Select(g => KeyValuePair.Create(g.Key.ToString(), (long)g.Count()))), cancellationToken).ConfigureAwait(false);
        foreach (var evt in events)
        {
            _history[evt.Reference] = _history[evt.Reference].Add(evt);
        }
    }

    private static string? Check(string reference, string statusText, string dateText, string channel, Dictionary<string, ResponseStatus> current, out ResponseEvent? evt)
    {
        evt = null;
        if (!current.TryGetValue(reference, out var before))
        {
            return $"unknown reference '{reference}'";
        }

        if (!Enum.TryParse<ResponseStatus>(statusText, ignoreCase: true, out var status) || int.TryParse(statusText, out _))
        {
            return $"unknown status '{statusText}' (one of {string.Join(", ", Enum.GetNames<ResponseStatus>())})";
        }

        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return $"date '{dateText}' is not yyyy-MM-dd";
        }

        if (status == ResponseStatus.Responded && !s_channels.Contains(channel))
        {
            return $"a response needs a channel ({string.Join(", ", s_channels)}), not '{channel}'";
        }

        if (!s_allowedAfter[status].Contains(before))
        {
            return $"{status} cannot follow {before} for {reference}";
        }

        evt = new ResponseEvent(reference, status, date, channel.Length == 0 ? null : channel);
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
