using System.CommandLine;
using System.Globalization;
using Samenreken.Governance.Retention;

namespace Samenreken.Cli;

/// <summary><c>samenreken pilot-store key</c> and <c>samenreken retention enforce</c>: the pilot store's key and its retention (art. 7).</summary>
internal static class PilotStoreCommands
{
    public static Command Key()
    {
        var output = new Option<FileInfo>("--out") { Description = "The new key file (base64 of 32 random bytes, mode 0600); never replaces one.", Required = true };
        var key = new Command("key", "Create the pilot-store key (the key that wraps every run's data key). Keep it out of every database; losing it destroys the pilot store.") { output };
        key.SetCliAction((parse, context) =>
        {
            PilotSession.WriteNewKey(parse.GetValue(output)!);
            context.Output.WriteLine($"wrote {parse.GetValue(output)!.FullName}");
            return ExitCodes.Success;
        });
        return new Command("pilot-store", "The pilot store (art. 2): the mailing list and the responses, encrypted, in their own database.") { key };
    }

    public static Command Retention()
    {
        var store = new PilotStoreOptions();
        var enforce = new Command("enforce", "Destroy (crypto-shred) every run whose pilot records are past their retention term or the project's horizon; keep their anonymised figures.");
        store.AddTo(enforce);
        enforce.SetCliAction(async (parse, context, cancellation) =>
        {
            using var session = PilotSession.Open(parse, context, store);
            var shredded = await PilotRetention.EnforceAsync(session.Records, PilotSession.Clock, session.Actor, cancellation).ConfigureAwait(false);
            foreach (var run in shredded)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shredded run {run.RunId}: {run.Records} records, due {run.DueAt:yyyy-MM-dd} ({run.Reason})"));
            }

            var within = session.Definition.IsWithinHorizon(PilotSession.Clock.GetUtcNow());
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{shredded.Count} run(s) shredded, {session.Records.Vault.Runs().Count} kept; the pilot store is {(within ? "writable" : "read-only (past the horizon)")}"));
            return ExitCodes.Success;
        });
        return new Command("retention", "Retention and horizon (art. 7).") { enforce };
    }
}
