namespace Samenreken.Cli;

/// <summary>
/// The exit codes of every <c>samenreken</c> command, documented in the README and in <c>--help</c>. A script can
/// tell "fix the command line" (2) from "fix a file" (3, 4), "the key would not open" (5) and "nothing was overwritten" (6).
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and its answer is no: the encrypted selection differs from the reference, bad rows refused with --fail-on-bad-rows, a person not in the data.</summary>
    public const int CheckFailed = 1;

    /// <summary>A bad command line: unknown command or option, a value that does not parse or is out of range, a missing passphrase.</summary>
    public const int Usage = 2;

    /// <summary>A file or directory is missing, unreadable or unwritable.</summary>
    public const int FileAccess = 3;

    /// <summary>An input file is malformed: a data file without its header or reference month, a truncated or altered key file.</summary>
    public const int InvalidInput = 4;

    /// <summary>An encrypted private key did not open: the passphrase is wrong (or the file was altered).</summary>
    public const int KeyNotOpened = 5;

    /// <summary>An output would replace an existing file (without --force) or one of the command's own inputs.</summary>
    public const int OutputExists = 6;

    /// <summary>The other party, a node or the protocol failed (a refused or malformed message, a node run that failed).</summary>
    public const int ProtocolFailed = 7;

    /// <summary>A bug: an unexpected exception (its stack trace only with --verbose).</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C); nothing half-written is left behind.</summary>
    public const int Cancelled = 130;

    /// <summary>Every code with its meaning, in the order <c>--help</c> and the README list them.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Success, "success"),
        (CheckFailed, "the command ran and its answer is no (selection differs from the reference, bad rows with --fail-on-bad-rows, person not found)"),
        (Usage, "bad command line: unknown option, a value that does not parse or is out of range, a missing or short passphrase"),
        (FileAccess, "a file or directory is missing, unreadable or unwritable"),
        (InvalidInput, "an input file is malformed (data file, truncated or altered key file)"),
        (KeyNotOpened, "a private key did not open: wrong passphrase, or the key file was altered"),
        (OutputExists, "an output exists (use --force where offered) or is one of the command's inputs"),
        (ProtocolFailed, "the protocol, the other party or a node failed"),
        (InternalError, "internal error (a bug; --verbose shows the stack trace)"),
        (Cancelled, "interrupted"),
    ];
}
