using System.CommandLine;
using System.Globalization;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Tls;

namespace Samenreken.Cli;

/// <summary><c>samenreken audit verify</c>: a node's audit chain, its checkpoint signatures and the checkpoints of it its peer holds.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var node = new Option<string>("--node") { Description = "The node whose trail is checked: uwv or svb.", Required = true };
        node.AcceptOnlyFromAmong(DevelopmentCertificates.UwvNode, DevelopmentCertificates.SvbNode);
        var database = new Option<string>("--database") { Description = "The node's database: a SQLite file, or a PostgreSQL connection string (Host=…).", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "The node's audit public key (PEM, the .pub next to its Node:AuditKeyFile).", Required = true };
        var peerDatabase = new Option<string?>("--peer-database")
        {
            Description = "The peer node's database, which holds the checkpoints this node signed: without it a rewritten or truncated history cannot be told from the original.",
        };
        var verify = new Command("verify", "Check a node's hash-chained audit log, the signatures of its checkpoints and the checkpoints its peer holds; names the first broken entry.")
        {
            node, database, key, peerDatabase,
        };
        verify.SetCliAction(async (parse, cli, cancellation) =>
        {
            var nodeId = parse.GetValue(node)!;
            var peerId = nodeId == DevelopmentCertificates.UwvNode ? DevelopmentCertificates.SvbNode : DevelopmentCertificates.UwvNode;
            var keyFile = parse.GetValue(key)!;
            if (!keyFile.Exists)
            {
                throw CliException.FileAccess($"audit public key {keyFile.FullName} does not exist");
            }

            Governance.Audit.AuditVerificationKey publicKey;
            try
            {
                publicKey = AuditKeyFiles.ReadPublicKey(keyFile.FullName);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException)
            {
                throw CliException.InvalidInput(e.Message);
            }

            var own = ExistingDatabase(parse.GetValue(database)!);
            var peer = parse.GetValue(peerDatabase) is { } p ? ExistingDatabase(p) : null;
            if (peer is null)
            {
                cli.Warn($"without --peer-database only the chain and {nodeId}'s own checkpoints are checked; a consistent rewrite is caught by the copies {peerId} holds");
            }

            var result = await NodeAuditVerification.VerifyAsync(own, nodeId, publicKey, peer, peer is null ? null : peerId, cancellation).ConfigureAwait(false);
            if (!result.IsValid)
            {
                throw CliException.CheckFailed(string.Create(
                    CultureInfo.InvariantCulture, $"{nodeId}'s audit trail is broken at entry {result.FirstBrokenSequence?.ToString(CultureInfo.InvariantCulture) ?? "?"} ({result.Problem}): {result.Message}"));
            }

            cli.Output.WriteLine($"{nodeId}: audit trail verified: {result.Message} (key {publicKey.Fingerprint[..16]}…)");
            return ExitCodes.Success;
        });
        return new Command("audit", "The nodes' tamper-evident audit logs.") { verify };
    }

    /// <summary>A PostgreSQL connection string as given; a SQLite file only when it exists (opening would create an empty one).</summary>
    private static string ExistingDatabase(string database)
    {
        var isPostgres = database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || database.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
        if (isPostgres || database.Contains('=', StringComparison.Ordinal))
        {
            return database;
        }

        return File.Exists(database) ? Path.GetFullPath(database) : throw CliException.FileAccess($"database {Path.GetFullPath(database)} does not exist");
    }
}
