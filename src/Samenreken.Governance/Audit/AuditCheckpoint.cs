using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace Samenreken.Governance.Audit;

/// <summary>
/// A node's signed statement "my chain has <see cref="Sequence"/> + 1 entries and its head hash is
/// <see cref="HeadHash"/>", made at each run milestone and sent to the peer, which keeps it. A node that later
/// rewrites or truncates its history disagrees with the checkpoints the peer holds.
/// </summary>
public sealed record AuditCheckpoint(string NodeId, long Sequence, ImmutableArray<byte> HeadHash, DateTimeOffset Time, string? RunId, ImmutableArray<byte> Signature)
{
    private const string Domain = "samenreken-audit-checkpoint-v1";

    /// <summary>Signs the head of a chain.</summary>
    public static AuditCheckpoint Sign(AuditSigningKey key, string nodeId, AuditEntry head, DateTimeOffset time, string? runId)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        var unsigned = new AuditCheckpoint(nodeId, head.Sequence, head.Hash, time, runId, []);
        return unsigned with { Signature = [.. key.Sign(unsigned.SignedPayload())] };
    }

    /// <summary>True when the signature is the node's over every other field.</summary>
    public bool HasValidSignature(AuditVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Signature.Length == 64 && HeadHash.Length == 32 && key.Verify(SignedPayload(), Signature.AsSpan());
    }

    private byte[] SignedPayload()
    {
        // Length-prefixed fields: no two different checkpoints share a payload.
        var parts = new List<byte>(Encoding.ASCII.GetBytes(Domain));
        void Field(ReadOnlySpan<byte> value)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            parts.AddRange(length);
            parts.AddRange(value);
        }

        Field(Encoding.UTF8.GetBytes(NodeId));
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, Sequence);
        Field(number);
        Field(HeadHash.AsSpan());
        BinaryPrimitives.WriteInt64BigEndian(number, Time.ToUnixTimeMilliseconds());
        Field(number);
        Field(Encoding.UTF8.GetBytes(RunId ?? string.Empty));
        return [.. parts];
    }
}
