using System.Security.Cryptography;
using System.Text;
using Samenreken.Domain;

namespace Samenreken.Governance.Audit;

/// <summary>
/// The SHA-256 both nodes record for a batch of BSNs, so the two logs can be compared without holding BSNs. Salted
/// with the batch's request id (16 random bytes chosen per request): no table precomputed over the BSN space applies.
/// A batch of one or two BSNs can still be found by brute force over 10^9 values by whoever holds the log, so the logs
/// stay access-controlled; the hash proves agreement, it does not anonymise.
/// </summary>
public static class BsnBatchHash
{
    private const string Domain = "samenreken-bsn-batch-v1";

    /// <summary>Hex SHA-256 over the domain, the request id and the sorted BSNs (order does not matter).</summary>
    public static string Of(ReadOnlySpan<byte> requestId, IEnumerable<Bsn> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestId.Length, 16, nameof(requestId));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(Domain));
        hash.AppendData(requestId);
        foreach (var bsn in batch.Select(b => b.ToString()).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.ASCII.GetBytes(bsn + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
