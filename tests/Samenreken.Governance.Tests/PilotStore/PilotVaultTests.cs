using System.Text;
using Samenreken.Governance.Audit;
using Samenreken.Governance.PilotStore;

namespace Samenreken.Governance.Tests.PilotStore;

public sealed class PilotVaultTests : IDisposable
{
    private readonly PilotVaultBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private static KeyValuePair<string, byte[]> Record(string id, string text) => KeyValuePair.Create(id, Encoding.UTF8.GetBytes(text));

    private async Task SealTwoAsync()
    {
        await _bed.Vault.CreateRunAsync("run-1", _bed.Clock.GetUtcNow(), "pilot-team");
        await _bed.Vault.SealAsync("run-1", "mailing_list", [Record("K-1", "Jan Jansen, Dorpsstraat 1"), Record("K-2", "Piet Pietersen, Kerkpad 2")], "pilot-team", "selection");
    }

    [Fact]
    public async Task SealedRecords_OpenWithTheKey_AndAreUnreadableAtRest()
    {
        await SealTwoAsync();

        var opened = await _bed.Vault.OpenAsync("run-1", "mailing_list", "pilot-team", "letters");
        Assert.Equal("Jan Jansen, Dorpsstraat 1", Encoding.UTF8.GetString(opened.Single(r => r.Key == "K-1").Value));
        Assert.All(_bed.Repository.AllRecords, r => Assert.DoesNotContain("Jansen", Encoding.UTF8.GetString(r.Ciphertext), StringComparison.Ordinal));

        // Every access is audited first, with counts and the reason, never the content.
        var entries = _bed.AuditStore.Entries.Where(e => e.Kind == AuditKind.PilotStoreAccess).ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(2, entries[^1].Counts["records"]);
        Assert.Contains("letters", entries[^1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_bed.AuditStore.Entries, e => e.Serialize().Contains("Jansen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShreddingTheRunKey_DestroysItsRecords()
    {
        await SealTwoAsync();
        var stolenCopy = _bed.Repository.AllRecords.ToList();

        Assert.Equal(2, await _bed.Vault.ShredAsync("run-1", "retention", "mailing_list: 730 days after the run finished"));

        var refused = await Assert.ThrowsAsync<GovernanceException>(async () => await _bed.Vault.OpenAsync("run-1", "mailing_list", "pilot-team", "letters"));
        Assert.Equal(GovernanceRefusal.Destroyed, refused.Refusal);
        Assert.Contains(_bed.AuditStore.Entries, e => e.Kind == AuditKind.RetentionAction);

        // Ciphertexts restored from a backup stay unreadable: the key is gone.
        foreach (var record in stolenCopy)
        {
            _bed.Repository.SaveRecord(record);
        }

        Assert.Equal(GovernanceRefusal.Destroyed, (await Assert.ThrowsAsync<GovernanceException>(async () => await _bed.Vault.OpenAsync("run-1", "mailing_list", "x", "y"))).Refusal);
    }

    [Fact]
    public async Task AlteredOrMovedCiphertext_FailsToOpen()
    {
        await SealTwoAsync();
        var first = _bed.Repository.AllRecords[0];
        _bed.Repository.ReplaceRecord(first with { Ciphertext = [.. first.Ciphertext.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b)] });

        await Assert.ThrowsAsync<GovernanceException>(async () => await _bed.Vault.OpenAsync("run-1", "mailing_list", "pilot-team", "letters"));
    }

    [Fact]
    public async Task AfterTheHorizon_TheStoreIsReadOnly_ButStillOpens()
    {
        await SealTwoAsync();
        _bed.Clock.SetUtcNow(PilotVaultBed.Demo.Horizon.ExpiresAt);

        var refused = await Assert.ThrowsAsync<GovernanceException>(async () => await _bed.Vault.SealAsync("run-1", "responses", [Record("K-1", "responded")], "pilot-team", "response"));
        Assert.Equal(GovernanceRefusal.ReadOnlyAfterHorizon, refused.Refusal);
        Assert.Equal(2, (await _bed.Vault.OpenAsync("run-1", "mailing_list", "auditor", "inspection")).Count);
    }

    [Fact]
    public async Task FailedAuditWrite_AbortsTheAccess()
    {
        await SealTwoAsync();
        _bed.AuditStore.FailNextAppend = true;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _bed.Vault.SealAsync("run-1", "responses", [Record("K-1", "x")], "pilot-team", "response"));
        Assert.Empty(_bed.Repository.Records("run-1", "responses"));
    }

    [Fact]
    public void PilotStoreKey_IsExactly32Bytes_AndPrintsNoSecret()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => PilotStoreKey.Import(new byte[16])).ParamName);
        using var imported = PilotStoreKey.Import(_bed.Key.Export());
        Assert.DoesNotContain(Convert.ToHexString(_bed.Key.Export()), imported.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
