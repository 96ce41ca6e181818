using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.NetIncome;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Wire;
using Samenreken.Pilot;
using Samenreken.Protocols;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Nodes.Uwv;
using Samenreken.Storage;

namespace Samenreken.Nodes.Svb;

/// <summary>Progress of one phase of a run at SVB: done out of total units (chunks or batches).</summary>
public sealed record RunProgress(string Phase, int Done, int Total)
{
    /// <summary>The phase that carries the number of fairness alerts raised so far (Done = Total = the count).</summary>
    public const string FairnessAlertsPhase = "fairness-alerts";
}

/// <summary>What a completed run gives SVB: the selection rows and counts, sizes and timings (no plaintext of UWV's).</summary>
public sealed record SvbRunResult(
    string RunId,
    IReadOnlyList<string> Selection,
    int Households,
    int Persons,
    int Comparisons,
    int Batches,
    long BytesSvbToUwv,
    long BytesUwvToSvb,
    RunCounts Uwv,
    IReadOnlyDictionary<string, double> Seconds,
    bool Resumed)
{
    /// <summary>The comparison engine the run's plan names ("dgk" or "gc").</summary>
    public string Engine { get; init; } = string.Empty;
}

/// <summary>
/// SVB drives a run against the UWV node: announce the plan, ask the incomes in chunks and store each answered
/// chunk's parts, then compare the households batch by batch, two batches in flight so both parties compute at once.
/// Every step is persisted before its message leaves (the evaluator's state sealed under the node key), so after a
/// crash the run resumes at the step it left: the same message is sent again and UWV answers it from its store.
/// Memory holds SVB's plaintext population and the batches in flight, never the whole run's ciphertexts.
/// </summary>
public sealed class SvbRunDriver : IDisposable
{
    private readonly SvbOptions _options;
    private readonly NodeOptions _node;
    private readonly MutualTlsOptions _tls;
    private readonly SvbStore _store;
    private readonly IProgress<RunProgress> _progress;
    private readonly ILogger _log;
    private readonly NodeSeal _seal;
    private readonly ResiliencePipeline _retry;

    private readonly KeySizePolicy _policy;
    private readonly NodeSafeguards _safeguards;

    /// <summary>The run's fairness monitor, when the node has a project definition.</summary>
    private SvbFairnessWatch? _fairness;

    public SvbRunDriver(
        IOptions<SvbOptions> options,
        IOptions<NodeOptions> node,
        IOptions<MutualTlsOptions> tls,
        SvbStore store,
        KeySizePolicy policy,
        IProgress<RunProgress> progress,
        ILogger<SvbRunDriver> log,
        NodeSafeguards safeguards)
    {
        ArgumentNullException.ThrowIfNull(safeguards);
        _safeguards = safeguards;
        _policy = policy;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(tls);
        _options = options.Value;
        _node = node.Value;
        _tls = tls.Value;
        _store = store;
        _progress = progress;
        _log = log;
        _seal = NodeSeal.Open(_node);
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            // Transient: UWV restarting, a connection reset, a deadline. A refusal (FailedPrecondition, InvalidArgument) is final.
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted),
            MaxRetryAttempts = 100,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(2),
            OnRetry = args =>
            {
                NodeLog.Retrying(_log, (args.Outcome.Exception as RpcException)?.StatusCode.ToString() ?? "error", args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    public async Task<SvbRunResult> RunAsync(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        void Phase(string name)
        {
            seconds[name] = clock.Elapsed.TotalSeconds;
            clock.Restart();
        }

        var population = SvbPopulation.Load(_options.SvbFile, _options.MaxBadRowShare);

        var runId = string.IsNullOrEmpty(_options.RunId) ? _store.FindUnfinishedRun() : _options.RunId;
        var resumed = runId is not null && _store.LoadPlan(runId) is not null;
        runId ??= NewRunId();
        var storedPlan = resumed ? RunAnnouncement.Parser.ParseFrom(_store.LoadPlan(runId)) : null;

        // No run starts (or resumes) without a valid definition, after its horizon, under another definition than the
        // one it was planned under, or sending a field the definition does not list for UWV.
        var fields = SharedFields.OfRun(population.PersonIds.Any(population.IsBelowAowAge));
        var definition = await _safeguards.CheckAsync(runId, () =>
        {
            var configured = _safeguards.RequireRunMayStart();
            if (storedPlan is not null && storedPlan.ProjectDefinitionHash != configured.Hash.Hex)
            {
                throw new Governance.GovernanceException(Governance.GovernanceRefusal.DefinitionMismatch, $"Run {runId} was planned under another project definition than {configured.Hash}; it cannot resume under this one.");
            }

            configured.EnsureMayShare(SharedFields.Svb, SharedFields.Uwv, fields);
            return configured;
        }, cancellation).ConfigureAwait(false);
        _fairness = SvbFairnessWatch.Create(definition, population, _options.BatchSize, _progress, _log);
        await _safeguards.RecordAsync(
            resumed ? AuditKind.RunResumed : AuditKind.RunStarted,
            runId,
            resumed ? "run resumed from the node's database" : "new run",
            counts: [new("persons", population.PersonIds.Count), new("comparisons", population.ComparisonCount), new("households", population.Households.Count)],
            hashes: [new(NodeSafeguards.DefinitionHashName, definition.Hash.Hex), new(SvbFairnessWatch.PlanHashName, _fairness.PlanHash)],
            cancellationToken: cancellation).ConfigureAwait(false);

        // Only now the peer: a refused run never contacts UWV.
        using var channel = NodeHost.Channel(_options.UwvAddress, _tls);
        var client = new UwvNode.UwvNodeClient(channel);
        var keys = await CallAsync(c => client.GetPublicKeysAsync(new PublicKeysRequest(), Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        var paillier = PaillierPublicKey.Import(keys.Paillier.Span, _policy);
        var dgk = DgkPublicKey.Import(keys.Dgk.Span, _policy);
        paillier.Precompute();
        dgk.Precompute();
        RunAnnouncement plan;
        if (resumed)
        {
            plan = storedPlan!;
            if (plan.Persons != population.PersonIds.Count || plan.Comparisons != population.ComparisonCount)
            {
                throw new InvalidOperationException($"Run {runId} was planned for another population than {_options.SvbFile} holds.");
            }

            if (!plan.PaillierKeyId.Span.SequenceEqual(KeyFingerprint.Of(paillier)) || !plan.DgkKeyId.Span.SequenceEqual(KeyFingerprint.Of(dgk)))
            {
                throw new InvalidOperationException($"Run {runId} was planned under other UWV keys than UWV now presents.");
            }
        }
        else
        {
            plan = new RunAnnouncement
            {
                RunId = runId,
                Persons = (uint)population.PersonIds.Count,
                Comparisons = (uint)population.ComparisonCount,
                ChunkSize = (uint)_options.ChunkSize,
                BatchSize = (uint)_options.BatchSize,
                PaillierKeyId = ByteString.CopyFrom(KeyFingerprint.Of(paillier)),
                DgkKeyId = ByteString.CopyFrom(KeyFingerprint.Of(dgk)),
                ProjectDefinitionHash = definition.Hash.Hex,
                Engine = ComparisonEngine.Name(NodeEngines.Choose(_options.Engine, definition.Crypto.ComparisonEngine)),
            };
            _store.CreateRun(runId, plan.ToByteArray(), DateTimeOffset.UtcNow);
        }

        var receipt = await CallAsync(c => client.AnnounceAsync(plan, Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        var run = new Run(runId!, plan, receipt, population, paillier, dgk, client);
        await ExchangeCheckpointsAsync(run, cancellation).ConfigureAwait(false);
        NodeLog.SvbRunStarted(_log, runId!, population.Households.Count, population.PersonIds.Count, population.ComparisonCount, (int)receipt.BatchCount, resumed ? "resumed" : "new");
        Phase("keys and announcement");

        await RunChunksAsync(run, cancellation).ConfigureAwait(false);
        Phase("encrypted incomes");
        await RunBatchesAsync(run, cancellation).ConfigureAwait(false);
        Phase("secure comparison");

        var counts = await CallAsync(c => client.FinishRunAsync(new RunRef { RunId = runId }, Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        var selection = Selection(run);
        await _safeguards.RecordAsync(
            AuditKind.RunFinished,
            runId,
            "run complete",
            counts: [new("selected_households", selection.Count), new("decryptions_served_by_uwv", (long)counts.Decryptions), new("zero_tests_served_by_uwv", (long)counts.ZeroTests)],
            cancellationToken: cancellation).ConfigureAwait(false);
        await DestroyProtocolStateAsync(runId, cancellation).ConfigureAwait(false);
        await ExchangeCheckpointsAsync(run, cancellation).ConfigureAwait(false);
        _store.Complete(runId!);
        var bytes = _store.Bytes(runId!);
        Phase("selection");
        NodeLog.SvbRunCompleted(_log, runId!, selection.Count, (long)counts.Decryptions);
        var result = new SvbRunResult(
            runId!, selection, population.Households.Count, population.PersonIds.Count, population.ComparisonCount, (int)receipt.BatchCount, bytes.ToUwv, bytes.FromUwv, counts, seconds, resumed)
        {
            Engine = plan.Engine,
        };
        WriteOutput(result);
        return result;
    }

    public void Dispose() => _seal.Dispose();

    /// <summary>
    /// Art. 7: the protocol state goes right after the run (the requests' BSNs, UWV's ciphertexts, sealed steps); the
    /// selection's bits stay for the letters. Audited first, before the final checkpoints, so the peer's copy covers it.
    /// Idempotent: a run resumed after a crash here destroys what is left.
    /// </summary>
    private async Task DestroyProtocolStateAsync(string runId, CancellationToken cancellation)
    {
        await _safeguards.RecordAsync(
            AuditKind.RetentionAction,
            runId,
            "protocol state destroyed after the run",
            counts: [new("rows_before", _store.ProtocolStateRows(runId))],
            cancellationToken: cancellation).ConfigureAwait(false);
        _store.DestroyProtocolState(runId);
    }

    /// <summary>A run milestone: SVB's signed chain head to UWV, UWV's back, each checked and kept by the other.</summary>
    private async Task ExchangeCheckpointsAsync(Run run, CancellationToken cancellation)
    {
        var mine = await _safeguards.CheckpointAsync(run.Id, cancellation).ConfigureAwait(false);
        var theirs = await CallAsync(c => run.Client.ExchangeCheckpointAsync(mine, Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        await _safeguards.AcceptPeerAsync(theirs, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a reply from UWV (a trust boundary): bytes that do not parse are a <see cref="ProtocolFailure.MalformedMessage"/>,
    /// and every refusal names the chunk or step it came in, so the operator sees which reply was bad. Nothing of it is stored.
    /// </summary>
    private static T FromUwv<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, $"UWV's reply to {what} does not parse: {e.Message}");
        }
        catch (ProtocolException e)
        {
            throw new ProtocolException(e.Failure, $"UWV's reply to {what} is refused: {e.Message}");
        }
    }

    internal static string NewRunId()
    {
        Span<byte> id = stackalloc byte[16];
        RandomSource.Secure.Fill(id);
        return Convert.ToHexStringLower(id);
    }

    private async Task RunChunksAsync(Run run, CancellationToken cancellation)
    {
        var total = (int)run.Receipt.ChunkCount;
        var done = Enumerable.Range(0, total).Count(c => _store.FindChunk(run.Id, c) is { Done: true });
        _progress.Report(new RunProgress("income", done, total));
        var pending = Enumerable.Range(0, total).Where(c => _store.FindChunk(run.Id, c) is not { Done: true });
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = _options.Pipeline, CancellationToken = cancellation }, async (chunk, ct) =>
        {
            var size = (int)run.Plan.ChunkSize;
            var ids = run.Population.PersonIds.Skip(chunk * size).Take(size).ToList();
            var stored = _store.FindChunk(run.Id, chunk);
            IncomeRequest request;
            if (stored is { } existing)
            {
                request = IncomeRequest.Parser.ParseFrom(existing.Request);
            }
            else
            {
                request = SvbComparisonInputs.CreateRequest(ids, RandomSource.Secure, [.. ids.Select(run.Population.IsBelowAowAge)]);
                _store.SaveChunkRequest(run.Id, chunk, request.ToByteArray());
                request = IncomeRequest.Parser.ParseFrom(_store.FindChunk(run.Id, chunk)!.Value.Request);
            }

            var message = new IncomeChunk { RunId = run.Id, Chunk = (uint)chunk, Request = request.ToByteString() };
            await _safeguards.EnsureSvbMayShareAsync(run.Id, request, ct).ConfigureAwait(false);
            await _safeguards.RecordAsync(
                AuditKind.BsnBatchSent,
                run.Id,
                "income chunk asked",
                counts: [new("chunk", chunk), new("persons", request.PersonIds.Count)],
                hashes: [new("bsn_batch", BsnBatchHash.Of(request.RequestId.Span, request.PersonIds.Select(Domain.Bsn.Parse)))],
                cancellationToken: ct).ConfigureAwait(false);
            var reply = await CallAsync(c => run.Client.EncryptIncomesAsync(message, Options(c)).ResponseAsync, ct).ConfigureAwait(false);
            _store.AddBytes(run.Id, message.CalculateSize(), reply.CalculateSize());
            var records = FromUwv($"income chunk {chunk}", () => SvbComparisonInputs.ReadResponse(request, IncomeResponse.Parser.ParseFrom(reply.Message), run.Paillier));
            _store.SaveParts(run.Id, chunk, request.PersonIds, records);
            _progress.Report(new RunProgress("income", Interlocked.Increment(ref done), total));
        }).ConfigureAwait(false);
    }

    private async Task RunBatchesAsync(Run run, CancellationToken cancellation)
    {
        var total = (int)run.Receipt.BatchCount;
        var done = Enumerable.Range(0, total).Count(b => _store.LoadBatchResult(run.Id, b) is not null);
        _progress.Report(new RunProgress("comparison", done, total));
        foreach (var finished in Enumerable.Range(0, total).Where(b => _store.LoadBatchResult(run.Id, b) is not null))
        {
            // A resumed run replays its finished batches: the same looks, the same alerts.
            await RecordAlertsAsync(run.Id, _fairness?.BatchDone(finished, _store.LoadBatchResult(run.Id, finished)!), cancellation).ConfigureAwait(false);
        }

        var pending = Enumerable.Range(0, total).Where(b => _store.LoadBatchResult(run.Id, b) is null).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var comparisons = new SvbComparisons(_store, _seal);
        var revealing = done;
        async Task<EngineMessage> Compare(ComparisonStep step, CancellationToken ct)
        {
            var reply = await CallAsync(c => run.Client.CompareAsync(step, Options(c)).ResponseAsync, ct).ConfigureAwait(false);
            _store.AddBytes(run.Id, step.CalculateSize(), reply.CalculateSize());
            return FromUwv($"batch {step.Batch} round {step.Round}", () => EngineMessage.Parser.ParseFrom(reply.Message));
        }

        var session = await comparisons.OpenSessionAsync(run.Id, UwvComparisons.EngineOf(run.Plan), run.Paillier, run.Dgk, Compare, cancellation).ConfigureAwait(false);
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = _options.Pipeline, CancellationToken = cancellation }, async (batch, ct) =>
        {
            var settings = ComparisonSettings.Default;
            var start = batch * (int)run.Plan.BatchSize;
            var count = Math.Min((int)run.Plan.BatchSize, (int)run.Plan.Comparisons - start);
            var households = run.Population.Formulas.Skip(start).Take(Math.Max(0, Math.Min(count, run.Population.Formulas.Count - start))).ToList();
            (IReadOnlyList<long>, IReadOnlyList<PaillierCiphertext>) Inputs()
            {
                var parts = _store.LoadParts(run.Id, households.SelectMany(h => h.MemberIds));
                return SvbComparisonInputs.Build(
                    settings, run.Paillier, households, count - households.Count, id => SvbComparisonInputs.ImportPart(run.Paillier, parts[id]), RandomSource.Secure);
            }

            void Revealing() => _progress.Report(new RunProgress("reveal", Interlocked.Increment(ref revealing), total));
            var results = await comparisons.RunBatchAsync(session, run.Id, batch, count, Inputs, Compare, Revealing, ct).ConfigureAwait(false);
            _store.CompleteBatch(run.Id, batch, PackBits([.. results.Take(households.Count)]));
            await RecordAlertsAsync(run.Id, _fairness?.BatchDone(batch, _store.LoadBatchResult(run.Id, batch)!), ct).ConfigureAwait(false);
            _progress.Report(new RunProgress("comparison", Interlocked.Increment(ref done), total));
        }).ConfigureAwait(false);
    }

    /// <summary>Each fairness alert into the audit log (a failed write aborts the run, as every audit write does).</summary>
    private async Task RecordAlertsAsync(string runId, IReadOnlyList<Fairness.FairnessAlert>? alerts, CancellationToken cancellation)
    {
        foreach (var alert in alerts ?? [])
        {
            await _safeguards.RecordAsync(
                AuditKind.MonitorAlert,
                runId,
                SvbFairnessWatch.AuditDetail(alert),
                counts: [new("look", alert.Look), new("households_so_far", alert.HouseholdsSoFar)],
                hashes: [new(SvbFairnessWatch.PlanHashName, alert.PlanHash)],
                cancellationToken: cancellation).ConfigureAwait(false);
        }
    }

    private List<string> Selection(Run run) => [.. SvbSelection.Households(_store, run.Id, run.Population).Select(PilotParties.SelectionRow)];

    private void WriteOutput(SvbRunResult result)
    {
        if (string.IsNullOrEmpty(_options.OutputDirectory))
        {
            return;
        }

        Directory.CreateDirectory(_options.OutputDirectory);
        File.WriteAllLines(Path.Combine(_options.OutputDirectory, "selection.csv"), [ReferenceSelection.Header, .. result.Selection], new UTF8Encoding(false));
        var summary = new Dictionary<string, object>
        {
            ["runId"] = result.RunId,
            ["households"] = result.Households,
            ["persons"] = result.Persons,
            ["comparisons"] = result.Comparisons,
            ["batches"] = result.Batches,
            ["engine"] = result.Engine,
            ["selected"] = result.Selection.Count,
            ["bytesSvbToUwv"] = result.BytesSvbToUwv,
            ["bytesUwvToSvb"] = result.BytesUwvToSvb,
            ["decryptionsServed"] = result.Uwv.Decryptions,
            ["zeroTestsServed"] = result.Uwv.ZeroTests,
            ["repliesReplayed"] = result.Uwv.RepliesReplayed,
            ["seconds"] = result.Seconds,
            ["resumed"] = result.Resumed,
        };
        File.WriteAllText(Path.Combine(_options.OutputDirectory, "run.json"), JsonSerializer.Serialize(summary, s_json));
        _fairness?.Write(_options.OutputDirectory);
    }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private static byte[] PackBits(bool[] bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        for (var k = 0; k < bits.Length; k++)
        {
            if (bits[k])
            {
                bytes[k >> 3] |= (byte)(1 << (k & 7));
            }
        }

        return bytes;
    }

    private CallOptions Options(CancellationToken cancellation) => new(deadline: DateTime.UtcNow + _options.CallDeadline, cancellationToken: cancellation);

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellation)
        => await _retry.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellation).ConfigureAwait(false);

    private sealed record Run(string Id, RunAnnouncement Plan, AnnouncementReceipt Receipt, SvbPopulation Population, PaillierPublicKey Paillier, DgkPublicKey Dgk, UwvNode.UwvNodeClient Client);
}
