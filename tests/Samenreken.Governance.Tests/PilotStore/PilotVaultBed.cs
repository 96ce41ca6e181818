using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Governance.PilotStore;

namespace Samenreken.Governance.Tests.PilotStore;

/// <summary>What the pilot-store tests start from: a vault under the demo definition over in-memory stores, on a fake clock.</summary>
internal sealed class PilotVaultBed : IDisposable
{
    public static readonly ProjectDefinition Demo = ProjectDefinition.Parse(RepositoryFiles.DemoDefinitionText);

    public PilotVaultBed()
    {
        Audit = new AuditLog(AuditStore, "svb", Clock);
        Vault = new PilotVault(Repository, Key, Demo, Audit, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public InMemoryPilotStoreRepository Repository { get; } = new();

    public InMemoryAuditStore AuditStore { get; } = new();

    public PilotStoreKey Key { get; } = PilotStoreKey.Generate();

    public AuditLog Audit { get; }

    public PilotVault Vault { get; }

    public void Dispose()
    {
        Audit.Dispose();
        Key.Dispose();
    }
}
