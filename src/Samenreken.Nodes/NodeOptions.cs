namespace Samenreken.Nodes;

/// <summary>What every node needs: where it listens, its database, its sealing key (section "Node").</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>Loopback port to listen on (0: any free port).</summary>
    public int Port { get; set; }

    /// <summary>SQLite file path or <c>Data Source=…</c>, or a PostgreSQL connection string (<c>Host=…</c>).</summary>
    public string Database { get; set; } = string.Empty;

    /// <summary>File holding the node key (32 bytes, base64) that seals secrets at rest; created when missing.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Name of an environment variable holding the node key (base64), instead of <see cref="KeyFile"/>.</summary>
    public string? KeyEnvironmentVariable { get; set; }

    /// <summary>The project definition (YAML) every run is checked against; without a valid one no run starts.</summary>
    public string? Project { get; set; }

    /// <summary>This node's audit signing key (PKCS#8 PEM, mode 0600; created with its <c>.pub</c> next to it when missing).</summary>
    public string? AuditKeyFile { get; set; }

    /// <summary>The peer node's audit public key (PEM), to check the checkpoints it sends.</summary>
    public string? PeerAuditKeyFile { get; set; }
}

/// <summary>The UWV node (section "Uwv").</summary>
public sealed class UwvOptions
{
    public const string Section = "Uwv";

    /// <summary>The Polis file (uwv.csv) UWV loads at start.</summary>
    public string PolisFile { get; set; } = string.Empty;

    /// <summary>Modulus size of the Paillier and DGK keys UWV generates on its first start.</summary>
    public int KeyBits { get; set; } = 3072;

    /// <summary>The largest run UWV accepts (persons).</summary>
    public int MaxPersons { get; set; } = 1 << 22;

    /// <summary>The share of bad rows (0–1) above which the Polis file is refused as a whole and the node does not start.</summary>
    public double MaxBadRowShare { get; set; } = 0.01;
}

/// <summary>The SVB node (section "Svb").</summary>
public sealed class SvbOptions
{
    public const string Section = "Svb";

    /// <summary>The SVB file (svb.csv) SVB loads at start.</summary>
    public string SvbFile { get; set; } = string.Empty;

    /// <summary>The share of bad rows (0–1) above which the SVB file is refused as a whole and no run starts.</summary>
    public double MaxBadRowShare { get; set; } = 0.01;

    /// <summary>UWV's node, e.g. https://127.0.0.1:5001.</summary>
    public string UwvAddress { get; set; } = string.Empty;

    /// <summary>Resume this run; empty: resume the unfinished run in the database, or start a new one.</summary>
    public string? RunId { get; set; }

    /// <summary>
    /// Comparisons per batch. The largest message is round 2's masked terms, (l + 1) DGK ciphertexts per comparison:
    /// 256 × 33 × 384 bytes = 3.2 MB at 3072 bits, under gRPC's 4 MB default, which the nodes keep.
    /// </summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// The comparison engine of a new run: "gc" (the default, the faster) or "dgk". A resumed run keeps the engine
    /// its plan names. When the node runs under a project definition, its comparison_engine must agree (NodeEngines.Choose).
    /// </summary>
    public string? Engine { get; set; }

    /// <summary>Persons per income chunk: two 3072-bit ciphertexts (part and single supplement, 768 bytes each) per person, so 2048 are 3.1 MB.</summary>
    public int ChunkSize { get; set; } = 2048;

    /// <summary>
    /// Optional: the pilot store (its own database, art. 2) whose retention the node enforces at every start (art. 7),
    /// with <see cref="PilotKeyFile"/>. Empty: only <c>samenreken retention enforce</c> does it.
    /// </summary>
    public string? PilotStore { get; set; }

    /// <summary>The pilot-store key file (base64 of 32 bytes, mode 0600) for <see cref="PilotStore"/>.</summary>
    public string? PilotKeyFile { get; set; }

    /// <summary>Batches in flight at once: 2 lets SVB prepare batch k+1 while UWV works on batch k.</summary>
    public int Pipeline { get; set; } = 2;

    /// <summary>Deadline of one call to UWV.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Start (or resume) the run when the node starts; off: the pilot team starts it from the web pages.</summary>
    public bool StartOnLaunch { get; set; } = true;

    /// <summary>Stop the node when the run is complete (the demo and <c>run resume</c>).</summary>
    public bool ExitWhenDone { get; set; }

    /// <summary>Directory for selection.csv and run.json when the run completes.</summary>
    public string? OutputDirectory { get; set; }
}
