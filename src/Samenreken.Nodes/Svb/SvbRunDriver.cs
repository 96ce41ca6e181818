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
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Wire;
using Samenreken.Pilot;
using Samenreken.Protocols;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;
using Samenreken.Storage;

namespace Samenreken.Nodes.Svb;

/// <summary>Progress of one phase of a run at SVB: done out of total units (chunks or batches).</summary>
public sealed record RunProgress(string Phase, int Done, int Total);

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
    bool Resumed);

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

    public SvbRunDriver(
        IOptions<SvbOptions> options, IOptions<NodeOptions> node, IOptions<MutualTlsOptions> tls, SvbStore store, KeySizePolicy policy, IProgress<RunProgress> progress, ILogger<SvbRunDriver> log)
    {
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

        var population = SvbPopulation.Load(_options.SvbFile);
        using var channel = NodeHost.Channel(_options.UwvAddress, _tls);
        var client = new UwvNode.UwvNodeClient(channel);
        var keys = await CallAsync(c => client.GetPublicKeysAsync(new PublicKeysRequest(), Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        var paillier = PaillierPublicKey.Import(keys.Paillier.Span, _policy);
        var dgk = DgkPublicKey.Import(keys.Dgk.Span, _policy);
        paillier.Precompute();
        dgk.Precompute();

        var runId = string.IsNullOrEmpty(_options.RunId) ? _store.FindUnfinishedRun() : _options.RunId;
        var resumed = runId is not null && _store.LoadPlan(runId) is not null;
        RunAnnouncement plan;
        if (resumed)
        {
            plan = RunAnnouncement.Parser.ParseFrom(_store.LoadPlan(runId!));
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
            runId ??= NewRunId();
            plan = new RunAnnouncement
            {
                RunId = runId,
                Persons = (uint)population.PersonIds.Count,
                Comparisons = (uint)population.ComparisonCount,
                ChunkSize = (uint)_options.ChunkSize,
                BatchSize = (uint)_options.BatchSize,
                PaillierKeyId = ByteString.CopyFrom(KeyFingerprint.Of(paillier)),
                DgkKeyId = ByteString.CopyFrom(KeyFingerprint.Of(dgk)),
            };
            _store.CreateRun(runId, plan.ToByteArray(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }

        var receipt = await CallAsync(c => client.AnnounceAsync(plan, Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        var run = new Run(runId!, plan, receipt, population, paillier, dgk, client);
        NodeLog.SvbRunStarted(_log, runId!, population.Households.Count, population.PersonIds.Count, population.ComparisonCount, (int)receipt.BatchCount, resumed ? "resumed" : "new");
        Phase("keys and announcement");

        await RunChunksAsync(run, cancellation).ConfigureAwait(false);
        Phase("encrypted incomes");
        await RunBatchesAsync(run, cancellation).ConfigureAwait(false);
        Phase("secure comparison");

        var counts = await CallAsync(c => client.FinishRunAsync(new RunRef { RunId = runId }, Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
        var selection = Selection(run);
        _store.Complete(runId!);
        var bytes = _store.Bytes(runId!);
        Phase("selection");
        NodeLog.SvbRunCompleted(_log, runId!, selection.Count, (long)counts.Decryptions);
        var result = new SvbRunResult(
            runId!, selection, population.Households.Count, population.PersonIds.Count, population.ComparisonCount, (int)receipt.BatchCount, bytes.ToUwv, bytes.FromUwv, counts, seconds, resumed);
        WriteOutput(result);
        return result;
    }

    public void Dispose() => _seal.Dispose();

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
            var reply = await CallAsync(c => run.Client.EncryptIncomesAsync(message, Options(c)).ResponseAsync, ct).ConfigureAwait(false);
            _store.AddBytes(run.Id, message.CalculateSize(), reply.CalculateSize());
            var response = IncomeResponse.Parser.ParseFrom(reply.Message);
            var records = SvbComparisonInputs.ReadResponse(request, response, run.Paillier);
            _store.SaveParts(run.Id, chunk, request.PersonIds, records);
            _progress.Report(new RunProgress("income", Interlocked.Increment(ref done), total));
        }).ConfigureAwait(false);
    }

    private async Task RunBatchesAsync(Run run, CancellationToken cancellation)
    {
        var total = (int)run.Receipt.BatchCount;
        var done = Enumerable.Range(0, total).Count(b => _store.LoadBatchResult(run.Id, b) is not null);
        _progress.Report(new RunProgress("comparison", done, total));
        var pending = Enumerable.Range(0, total).Where(b => _store.LoadBatchResult(run.Id, b) is null);
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = _options.Pipeline, CancellationToken = cancellation }, async (batch, ct) =>
        {
            await RunBatchAsync(run, batch, ct).ConfigureAwait(false);
            _progress.Report(new RunProgress("comparison", Interlocked.Increment(ref done), total));
        }).ConfigureAwait(false);
    }

    /// <summary>One batch: start (or resume from the sealed step), then one call per round until the bits are revealed.</summary>
    private async Task RunBatchAsync(Run run, int batch, CancellationToken cancellation)
    {
        var settings = ComparisonSettings.Default;
        var start = batch * (int)run.Plan.BatchSize;
        var count = Math.Min((int)run.Plan.BatchSize, (int)run.Plan.Comparisons - start);
        var households = run.Population.Formulas.Skip(start).Take(Math.Max(0, Math.Min(count, run.Population.Formulas.Count - start))).ToList();
        ComparisonEvaluator evaluator;
        ComparisonMessage message;
        int round;
        if (_store.LoadBatchStep(run.Id, batch) is { } step)
        {
            round = step.Round;
            var state = _seal.Open(step.SealedState, StateContext(run.Id, batch, round));
            evaluator = ComparisonEvaluator.Resume(settings, run.Paillier, run.Dgk, RandomSource.Secure, state);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(state);
            message = ComparisonMessage.Parser.ParseFrom(step.Message);
        }
        else
        {
            var parts = _store.LoadParts(run.Id, households.SelectMany(h => h.MemberIds));
            var (x, y) = SvbComparisonInputs.Build(
                settings, run.Paillier, households, count - households.Count, id => SvbComparisonInputs.ImportPart(run.Paillier, parts[id]), RandomSource.Secure);
            evaluator = new ComparisonEvaluator(settings, run.Paillier, run.Dgk, RandomSource.Secure);
            evaluator.PrecomputeRandomness(count, ComparisonOutputMode.PlaintextToEvaluator);
            message = evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator);
            round = 1;
            Persist(run.Id, batch, round, evaluator, message);
        }

        while (true)
        {
            var call = new ComparisonStep { RunId = run.Id, Batch = (uint)batch, Round = (uint)round, Message = message.ToByteString() };
            var reply = await CallAsync(c => run.Client.CompareAsync(call, Options(c)).ResponseAsync, cancellation).ConfigureAwait(false);
            _store.AddBytes(run.Id, call.CalculateSize(), reply.CalculateSize());
            var next = evaluator.Receive(ComparisonMessage.Parser.ParseFrom(reply.Message));
            if (next is null)
            {
                break;
            }

            message = next;
            round++;
            Persist(run.Id, batch, round, evaluator, message);
        }

        var bits = new bool[households.Count];
        for (var k = 0; k < bits.Length; k++)
        {
            bits[k] = evaluator.Results[k];
        }

        _store.CompleteBatch(run.Id, batch, PackBits(bits));
    }

    private void Persist(string runId, int batch, int round, ComparisonEvaluator evaluator, ComparisonMessage message)
    {
        var state = evaluator.ExportState();
        _store.SaveBatchStep(runId, batch, new BatchStep(round, _seal.Seal(state, StateContext(runId, batch, round)), message.ToByteArray()));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(state);
    }

    private static string StateContext(string runId, int batch, int round) => string.Create(CultureInfo.InvariantCulture, $"svb-evaluator/{runId}/{batch}/{round}");

    private List<string> Selection(Run run)
        => [.. SelectedHouseholds(_store, run.Id, run.Plan, run.Population.Households.Count).Select(i => PilotParties.SelectionRow(run.Population.Households[i]))];

    /// <summary>The indexes of the households a completed run selected, from its stored batch results (also the web pages' source).</summary>
    internal static IEnumerable<int> SelectedHouseholds(SvbStore store, string runId, RunAnnouncement plan, int households)
    {
        var size = (int)plan.BatchSize;
        var batches = ((int)plan.Comparisons + size - 1) / size;
        for (var batch = 0; batch < batches; batch++)
        {
            var bits = store.LoadBatchResult(runId, batch) ?? throw new InvalidOperationException($"Batch {batch} has no result.");
            for (var k = 0; k < size && (batch * size) + k < households; k++)
            {
                if (((bits[k >> 3] >> (k & 7)) & 1) != 0)
                {
                    yield return (batch * size) + k;
                }
            }
        }
    }

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
