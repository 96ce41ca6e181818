using Google.Protobuf;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// Runs both parties in one process for tests and benchmarks. Every message goes through its protobuf bytes, as it
/// would over gRPC, and an optional observer sees each one (to inspect a party's view).
/// </summary>
public static class InMemoryTransport
{
    public static void Run(
        ComparisonEvaluator evaluator,
        ComparisonKeyHolder keyHolder,
        ComparisonMessage firstMessage,
        Action<ComparisonMessage>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(keyHolder);
        ArgumentNullException.ThrowIfNull(firstMessage);
        var toKeyHolder = firstMessage;
        while (true)
        {
            var reply = keyHolder.Receive(RoundTrip(toKeyHolder, observe));
            var next = evaluator.Receive(RoundTrip(reply, observe));
            if (next is null)
            {
                return;
            }

            toKeyHolder = next;
        }
    }

    private static ComparisonMessage RoundTrip(ComparisonMessage message, Action<ComparisonMessage>? observe)
    {
        var copy = ComparisonMessage.Parser.ParseFrom(message.ToByteArray());
        observe?.Invoke(copy);
        return copy;
    }
}
