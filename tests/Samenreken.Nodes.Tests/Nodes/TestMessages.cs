using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>Messages as SVB sends them to UWV, for the node tests to send as they are or with one field changed.</summary>
internal static class TestMessages
{
    /// <summary>A plan for a new run under UWV's keys and the definition with <paramref name="definitionHash"/>.</summary>
    public static RunAnnouncement Announcement(PaillierPublicKey paillier, DgkPublicKey dgk, string definitionHash, string engine, uint persons, uint comparisons, uint chunkSize, uint batchSize) => new()
    {
        RunId = Svb.SvbRunDriver.NewRunId(),
        Persons = persons,
        Comparisons = comparisons,
        ChunkSize = chunkSize,
        BatchSize = batchSize,
        PaillierKeyId = ByteString.CopyFrom(KeyFingerprint.Of(paillier)),
        DgkKeyId = ByteString.CopyFrom(KeyFingerprint.Of(dgk)),
        ProjectDefinitionHash = definitionHash,
        Engine = engine,
    };

    /// <summary>The request with a field the contract does not know (a postcode), which the definition cannot list.</summary>
    public static IncomeRequest WithAnUnlistedField(IncomeRequest request)
    {
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        request.WriteTo(writer);
        writer.WriteTag(9, WireFormat.WireType.LengthDelimited);
        writer.WriteString("postcode 1234 AB");
        writer.Flush();
        return IncomeRequest.Parser.ParseFrom(output.ToArray());
    }
}
