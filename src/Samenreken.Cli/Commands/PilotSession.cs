using System.CommandLine;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Governance.PilotStore;
using Samenreken.Storage;

namespace Samenreken.Cli;

/// <summary>
/// The options every pilot-store command takes (<c>--pilot-store</c>, <c>--node-database</c>, <c>--project</c>,
/// <c>--pilot-key-file</c>), each command's own instances.
/// </summary>
internal sealed class PilotStoreOptions
{
    /// <summary>The environment variable the pilot-store key may come from (base64 of 32 bytes), instead of a key file.</summary>
    public const string KeyVariable = "SAMENREKEN_PILOT_STORE_KEY";

    public Option<string> Store { get; } = new("--pilot-store")
    {
        Description = "The pilot store's own database (art. 2): a SQLite file or a PostgreSQL connection string (Host=…); never the node database.",
        Required = true,
    };

    public Option<string> NodeDatabase { get; } = new("--node-database")
    {
        Description = "The SVB node's database: the run's selection, and the audit log every access is recorded in.",
        Required = true,
    };

    public Option<FileInfo> Project { get; } = ProjectCommands.ProjectOption();

    public Option<FileInfo?> KeyFile { get; } = new("--pilot-key-file")
    {
        Description = $"File with the pilot-store key (base64 of 32 bytes, mode 0600); without it the key is read from {KeyVariable}. Never stored in a database.",
    };

    public Option<string> Actor { get; } = new("--as")
    {
        Description = "Who acts, as the audit log records it (default: the login name).",
        DefaultValueFactory = _ => Environment.UserName,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Store, NodeDatabase, Project, KeyFile, Actor })
        {
            command.Add(option);
        }
    }
}

/// <summary>
/// One pilot-store command's open stores: the definition, the pilot store (its own database) under its key, and the
/// SVB node's audit log, where the vault records every access before it happens.
/// </summary>
internal sealed class PilotSession : IDisposable
{
    /// <summary>The node id the SVB node's audit chain is written under.</summary>
    public const string NodeId = "svb";

    private readonly PilotStoreKey _key;

    private PilotSession(ProjectDefinition definition, PilotStoreKey key, AuditLog audit, PilotRecords records, string actor, string nodeDatabase)
    {
        (Definition, _key, Audit, Records, Actor, NodeDatabase) = (definition, key, audit, records, actor, nodeDatabase);
    }

    /// <summary>The clock every pilot command uses; tests set a fake one (retention, the horizon).</summary>
    internal static TimeProvider Clock { get; set; } = TimeProvider.System;

    public ProjectDefinition Definition { get; }

    public AuditLog Audit { get; }

    public PilotRecords Records { get; }

    public string Actor { get; }

    public string NodeDatabase { get; }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public static PilotSession Open(ParseResult parse, CliContext context, PilotStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        var definition = ProjectCommands.Load(parse, context, options.Project);
        var store = parse.GetValue(options.Store)!;
        var node = parse.GetValue(options.NodeDatabase)!;
        if (string.Equals(store.Trim(), node.Trim(), StringComparison.Ordinal))
        {
            throw CliException.Usage("--pilot-store must be its own database, not the node database (art. 2: the mailing list is kept apart)");
        }

        var key = ReadKey(parse.GetValue(options.KeyFile));
        var audit = new AuditLog(DatabaseAuditStore.Open(node, NodeId), NodeId, Clock);
        var vault = new PilotVault(PilotStoreDatabase.Open(store), key, definition, audit, Clock);
        return new PilotSession(definition, key, audit, new PilotRecords(vault, audit), parse.GetValue(options.Actor)!, node);
    }

    /// <summary>Writes a new pilot-store key file (base64, mode 0600 from the start); refuses to replace one.</summary>
    public static void WriteNewKey(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var staged = StagedOutput.CreateFile(file, force: false);
        using var key = PilotStoreKey.Generate();
        var bytes = key.Export();
        try
        {
            using var writer = staged.CreateText(file.Name);
            writer.WriteLine(Convert.ToBase64String(bytes));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }

        staged.Commit();
    }

    public void Dispose()
    {
        Audit.Dispose();
        _key.Dispose();
    }

    private static PilotStoreKey ReadKey(FileInfo? file)
    {
        string text;
        string source;
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw CliException.FileAccess($"pilot-store key file {file.FullName} does not exist");
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file.FullName) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                throw CliException.InvalidInput($"pilot-store key file {file.FullName} is readable by others; make it mode 0600");
            }

            text = File.ReadAllText(file.FullName);
            source = file.FullName;
        }
        else
        {
            text = Environment.GetEnvironmentVariable(PilotStoreOptions.KeyVariable)
                ?? throw CliException.Usage($"no pilot-store key: give --pilot-key-file or set {PilotStoreOptions.KeyVariable} (base64 of 32 bytes)");
            source = PilotStoreOptions.KeyVariable;
        }

        var bytes = new byte[64];
        try
        {
            if (!Convert.TryFromBase64String(text.Trim(), bytes, out var written) || written != 32)
            {
                throw CliException.InvalidInput($"the pilot-store key in {source} is not base64 of 32 bytes");
            }

            return PilotStoreKey.Import(bytes.AsSpan(0, 32));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
