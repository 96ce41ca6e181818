using Samenreken.Cryptography;
using Samenreken.Protocols;

namespace Samenreken.Cli;

/// <summary>The one place that turns an exception into an exit code and a line for the user.</summary>
internal static class CliFailures
{
    public static (int ExitCode, string Message) Describe(Exception failure) => failure switch
    {
        CliException e => (e.ExitCode, e.Message),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled; nothing was written"),

        InvalidDataException or EndOfStreamException => (ExitCodes.InvalidInput, failure.Message),

        // FileNotFound and DirectoryNotFound are IOExceptions; their messages name the path.
        UnauthorizedAccessException or IOException => (ExitCodes.FileAccess, failure.Message),
        CryptoValidationException { Failure: ValidationFailure.KeyDecryptionFailed } => (ExitCodes.KeyNotOpened, failure.Message),
        CryptoValidationException => (ExitCodes.InvalidInput, failure.Message),
        ProtocolException e => (ExitCodes.ProtocolFailed, $"protocol failure ({e.Failure}): {e.Message}"),

        // A safeguard said no (after the horizon, a shredded run): the command ran and its answer is no.
        Governance.GovernanceException e => (ExitCodes.CheckFailed, $"refused ({e.Refusal}): {e.Message}"),
        _ => (ExitCodes.InternalError, $"internal error ({failure.GetType().Name}): {failure.Message} (run with --verbose for the stack trace)"),
    };
}
