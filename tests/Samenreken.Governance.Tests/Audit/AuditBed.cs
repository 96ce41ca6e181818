using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;

namespace Samenreken.Governance.Tests.Audit;

/// <summary>Two nodes' audit writers on in-memory stores (mutable, for tampering), their signing keys and one fake clock.</summary>
internal sealed class AuditBed : IDisposable
{
    public AuditBed()
    {
        Svb = new AuditLog(SvbStore, "svb", Clock);
        Uwv = new AuditLog(UwvStore, "uwv", Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public InMemoryAuditStore SvbStore { get; } = new();

    public InMemoryAuditStore UwvStore { get; } = new();

    public AuditSigningKey SvbKey { get; } = AuditSigningKey.Generate();

    public AuditSigningKey UwvKey { get; } = AuditSigningKey.Generate();

    public AuditLog Svb { get; }

    public AuditLog Uwv { get; }

    /// <summary>What an attacker with write access to the database does to hide a change: relink and rehash from entry 0.</summary>
    public static List<AuditEntry> Rechain(IEnumerable<AuditEntry> entries)
    {
        var result = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        var sequence = 0L;
        foreach (var entry in entries)
        {
            var relinked = entry with { Sequence = sequence++, PreviousHash = previous };
            relinked = relinked with { Hash = relinked.ComputeHash() };
            result.Add(relinked);
            previous = relinked.Hash;
        }

        return result;
    }

    public void Dispose()
    {
        Svb.Dispose();
        Uwv.Dispose();
        SvbKey.Dispose();
        UwvKey.Dispose();
    }
}
