using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;

namespace Samenreken.Governance.Tests.Audit;

// Blocking on the tasks is what these tests are about: a host that blocks must not deadlock.
#pragma warning disable xUnit1031

/// <summary>
/// The audit writer and verifier never resume on the caller's synchronization context: a host that blocks on them
/// (sync over async, on a UI or request thread) must not deadlock. The store here completes every call later, on the
/// thread pool, and the caller's context never runs what is posted to it: any await that captured it hangs.
/// </summary>
public sealed class AuditSyncContextTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void AppendCheckpointAndAccept_CompleteWhileTheCallersContextIsBlocked()
    {
        var svbStore = new LaterStore();
        var uwvStore = new LaterStore();
        using var svb = new AuditLog(svbStore, "svb", new FakeTimeProvider());
        using var uwv = new AuditLog(uwvStore, "uwv", new FakeTimeProvider());
        using var svbKey = AuditSigningKey.Generate();

        OnABlockedContext(() =>
        {
            // Two appends at once: the second waits for the first one's lock, and resumes after it without the context.
            var first = svb.AppendAsync(AuditRecord.Create(AuditKind.RunStarted, "svb", "run-1")).AsTask();
            var second = svb.AppendAsync(AuditRecord.Create(AuditKind.RunFinished, "svb", "run-1")).AsTask();
            Assert.True(Task.WaitAll([first, second], s_patience), "an append resumed on the caller's context");
            var checkpoint = svb.CheckpointAsync(svbKey, "run-1").AsTask();
            Assert.True(checkpoint.Wait(s_patience), "the checkpoint resumed on the caller's context");
            Assert.True(uwv.AcceptPeerCheckpointAsync(checkpoint.Result, svbKey.VerificationKey).AsTask().Wait(s_patience), "accepting resumed on the caller's context");
        });

        Assert.Equal(2, svbStore.Inner.Entries.Count);
        Assert.Single(uwvStore.Inner.Entries);
        Assert.Single(uwvStore.Inner.Checkpoints);
    }

    [Fact]
    public void Verify_CompletesWhileTheCallersContextIsBlocked()
    {
        var store = new LaterStore();
        using var log = new AuditLog(store, "svb", new FakeTimeProvider());
        using var key = AuditSigningKey.Generate();
        for (var i = 0; i < 3; i++)
        {
            log.AppendAsync(AuditRecord.Create(AuditKind.CiphertextsServed, "svb", "run-1")).AsTask().Wait(s_patience);
        }

        AuditVerificationResult? result = null;
        OnABlockedContext(() =>
        {
            var verify = AuditVerifier.VerifyAsync(store.ReadAllAsync(), "svb", key.VerificationKey, []).AsTask();
            Assert.True(verify.Wait(s_patience), "verification resumed on the caller's context");
            result = verify.Result;
        });

        Assert.True(result!.IsValid, result.Message);
        Assert.Equal(3, result.EntriesChecked);
    }

    private static void OnABlockedContext(Action action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new NeverRunningContext());
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>A context whose thread is busy forever: what is posted to it never runs.</summary>
    private sealed class NeverRunningContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("no synchronous sends");
    }

    /// <summary>An in-memory store whose every call completes later, on the thread pool (as a database call does).</summary>
    private sealed class LaterStore : IAuditStore
    {
        public InMemoryAuditStore Inner { get; } = new();

        public async ValueTask<AuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default)
        {
            await Later();
            return await Inner.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            await Later();
            await Inner.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var entry in Inner.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await Later();
                yield return entry;
            }
        }

        public async ValueTask StoreCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
        {
            await Later();
            await Inner.StoreCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string nodeId, CancellationToken cancellationToken = default)
        {
            await Later();
            return await Inner.ReadCheckpointsAsync(nodeId, cancellationToken).ConfigureAwait(false);
        }

        private static ConfiguredTaskAwaitable Later() => Task.Delay(5).ConfigureAwait(false);
    }
}
