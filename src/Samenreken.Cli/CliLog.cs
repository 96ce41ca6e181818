using Microsoft.Extensions.Logging;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;

namespace Samenreken.Cli;

/// <summary>
/// The CLI's diagnostic messages: source-generated, with stable event ids, written by the invocation's logger
/// (<see cref="CliContext.Logger"/>, to standard error). Counts and sizes only; never plaintexts, keys or BSN lists.
/// </summary>
internal static partial class CliLog
{
    private static int s_backendLogged;

    /// <summary>Logs once per process which math backend runs, and why when it is the managed fallback.</summary>
    public static void MathBackendChosen(ILogger logger, MathBackend backend)
    {
        if (Interlocked.Exchange(ref s_backendLogged, 1) != 0)
        {
            return;
        }

        if (backend.Name == "managed" && MathBackend.DefaultFallbackReason is { } reason)
        {
            ManagedFallback(logger, reason);
        }
        else
        {
            BackendInUse(logger, backend.Name, backend.HasConstantTimeModPow);
        }
    }

    /// <summary>2048-bit moduli are allowed for benchmarks and comparison with other systems, with this warning.</summary>
    public static void WarnIfKeySizeDeprecated(ILogger logger, int bits)
    {
        if (KeySizePolicy.IsDeprecated(bits))
        {
            KeySizeBelowRecommended(logger, bits, KeySizePolicy.DefaultBits);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "libgmp could not be loaded; using the managed math backend (about ten times slower, not constant time): {Reason}")]
    private static partial void ManagedFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Math backend {Backend} (constant-time exponentiation: {ConstantTime})")]
    private static partial void BackendInUse(ILogger logger, string backend, bool constantTime);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Bits}-bit keys are below the recommended {Recommended} bits (BSI TR-02102, SOG-IS); use them for benchmarks and comparison only")]
    private static partial void KeySizeBelowRecommended(ILogger logger, int bits, int recommended);
}
