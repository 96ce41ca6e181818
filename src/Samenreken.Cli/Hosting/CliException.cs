namespace Samenreken.Cli;

/// <summary>
/// A failure a command reports to its user: one line of text and one of the <see cref="ExitCodes"/>. Commands throw it
/// (through the named factories) and <see cref="CliAction"/> prints it; no stack trace reaches the user.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.InternalError, "failed")
    {
    }

    public CliException(string message)
        : this(ExitCodes.InternalError, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.InternalError;
    }

    private CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException FileAccess(string message) => new(ExitCodes.FileAccess, message);

    public static CliException InvalidInput(string message) => new(ExitCodes.InvalidInput, message);

    public static CliException KeyNotOpened(string message) => new(ExitCodes.KeyNotOpened, message);

    public static CliException OutputExists(string message) => new(ExitCodes.OutputExists, message);

    public static CliException CheckFailed(string message) => new(ExitCodes.CheckFailed, message);

    /// <summary>The other party, a node or the protocol failed (exit code 7).</summary>
    public static CliException PartyFailed(string message) => new(ExitCodes.ProtocolFailed, message);
}
