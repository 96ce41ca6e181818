using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.ComparisonEngines.Wire;

namespace Samenreken.Nodes;

/// <summary>
/// Binds every comparison message to its place in a run: SHA-256 over the run id, batch and round, cut to 16 bytes, in
/// <see cref="EngineMessage.Context"/>. Both nodes set it on what they send and refuse what carries another, so a
/// message moved between two live runs (or to another batch or round) is refused before an engine sees it.
/// </summary>
public static class NodeSteps
{
    public static ByteString Binding(string runId, uint batch, uint round)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var text = string.Create(CultureInfo.InvariantCulture, $"samenreken/engine-step/v1/{runId}/{batch}/{round}");
        return ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>Sets on <paramref name="message"/> the binding of its place: <paramref name="runId"/>, <paramref name="batch"/>, <paramref name="round"/>.</summary>
    public static EngineMessage Bind(EngineMessage message, string runId, uint batch, uint round)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Context = Binding(runId, batch, round);
        return message;
    }

    /// <summary>Refuses a message bound to another place than <paramref name="runId"/>, <paramref name="batch"/>, <paramref name="round"/>.</summary>
    public static void CheckBinding(EngineMessage message, string runId, uint batch, uint round)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Context != Binding(runId, batch, round))
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, $"The message is bound to another run, batch or round than run {runId} batch {batch} round {round}.");
        }
    }
}
