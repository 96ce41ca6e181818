using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Domain;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Tests.Tls;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Uwv;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// One UWV node (SQLite, 512-bit test keys, the DGK engine unless a subclass names another, at most
/// <see cref="MaxPersons"/> persons a run) whose audit store a test can make fail or race, and whose log is kept: the
/// run-limit tests call its <see cref="UwvRuns"/> directly, to read each refusal's exact reason.
/// </summary>
public class UwvRunLimitsFixture : IAsyncLifetime
{
    public const int MaxPersons = 300;

    private readonly string _engine;

    public UwvRunLimitsFixture()
        : this("dgk")
    {
    }

    protected UwvRunLimitsFixture(string engine) => _engine = engine;

    internal NodeTestbed Bed { get; } = NodeTestbed.Create(persons: 300);

    internal CapturingLoggerProvider Log { get; } = new();

    internal ScriptedAuditStore Audit { get; private set; } = null!;

    internal UwvRuns Runs => Bed.Uwv!.Services.GetRequiredService<UwvRuns>();

    internal UwvStore Store => Bed.Uwv!.Services.GetRequiredService<UwvStore>();

    internal PaillierPublicKey Paillier { get; private set; } = null!;

    internal DgkPublicKey Dgk { get; private set; } = null!;

    /// <summary>BSNs in UWV's Polis file, ascending.</summary>
    internal IReadOnlyList<string> Known { get; private set; } = [];

    /// <summary>Valid BSNs not in it, ascending.</summary>
    internal IReadOnlyList<string> Unknown { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Bed.UseEngine(_engine);
        var database = Path.Combine(Bed.Directory, "uwv.db");
        await Bed.StartUwvAsync(
            database,
            s => s.AddSingleton<IAuditStore>(_ => Audit = new ScriptedAuditStore(DatabaseAuditStore.Open(database, DevelopmentCertificates.UwvNode)))
                .AddSingleton<ILoggerProvider>(Log),
            [$"--Uwv:MaxPersons={MaxPersons}"]);
        var keys = Runs.PublicKeys();
        Paillier = PaillierPublicKey.Import(keys.Paillier.Span, KeySizePolicy.InsecureForTests);
        Dgk = DgkPublicKey.Import(keys.Dgk.Span, KeySizePolicy.InsecureForTests);
        var polis = NodeHost.LoadPolisParts(Bed.UwvFile).AtAowAge.Keys.ToHashSet(StringComparer.Ordinal);
        Known = [.. polis.Order(StringComparer.Ordinal)];
        Unknown = [.. Enumerable.Range(100_000_000, 2_000)
            .Where(v => Bsn.TryFromInt32(v, out _))
            .Select(v => v.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))
            .Where(b => !polis.Contains(b))
            .Take(20)];
    }

    public async Task DisposeAsync() => await Bed.DisposeAsync();
}

/// <summary>The same under the garbled-circuit engine.</summary>
public sealed class GcUwvRunLimitsFixture() : UwvRunLimitsFixture("gc");

/// <summary>
/// The node's audit store with one scripted action before the next append of a kind: the action throws (a failed
/// audit write), or does what a racing request would do in the window between UWV's checks and its store. With
/// <see cref="Later"/> set, every append completes later, on the thread pool (as a slow database call does).
/// </summary>
internal sealed class ScriptedAuditStore(IAuditStore inner) : IAuditStore
{
    private (AuditKind Kind, Action Action)? _next;

    public bool Later { get; set; }

    public void BeforeNext(AuditKind kind, Action action) => _next = (kind, action);

    public async ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (_next is { } next && next.Kind == entry.Kind)
        {
            _next = null;
            next.Action();
        }

        if (Later)
        {
            // Long enough that a second request started right after the first finds the first still at work.
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        await inner.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<AuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

    public IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default) => inner.ReadAllAsync(cancellationToken);

    public ValueTask StoreCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default) => inner.StoreCheckpointAsync(checkpoint, cancellationToken);

    public ValueTask<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string nodeId, CancellationToken cancellationToken = default) => inner.ReadCheckpointsAsync(nodeId, cancellationToken);
}


/// <summary>A context whose thread is busy forever: what is posted to it never runs.</summary>
internal sealed class NeverRunningContext : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state)
    {
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("no synchronous sends");
}
