using Google.Protobuf;
using Samenreken.Protocols.ComparisonEngines.Wire;

namespace Samenreken.Protocols.ComparisonEngines;

/// <summary>
/// Runs both parties of either engine in one process (tests, benchmarks, the single-machine pilot). Every message goes
/// through its protobuf bytes, as it would over gRPC; an optional observer sees each one and its direction.
/// </summary>
public static class EngineTransport
{
    /// <summary>Runs the batch to completion; returns the bytes exchanged.</summary>
    public static long Run(IComparisonEvaluatorRun evaluator, IComparisonKeyHolderRun keyHolder, EngineMessage firstMessage, Action<EngineMessage, bool>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(keyHolder);
        ArgumentNullException.ThrowIfNull(firstMessage);
        long bytes = 0;
        EngineMessage RoundTrip(EngineMessage message, bool toKeyHolder)
        {
            var wire = message.ToByteArray();
            bytes += wire.Length;
            var copy = EngineMessage.Parser.ParseFrom(wire);
            observe?.Invoke(copy, toKeyHolder);
            return copy;
        }

        for (EngineMessage? next = firstMessage; next is not null;)
        {
            var reply = keyHolder.Receive(RoundTrip(next, toKeyHolder: true));
            next = evaluator.Receive(RoundTrip(reply, toKeyHolder: false));
        }

        return bytes;
    }
}
