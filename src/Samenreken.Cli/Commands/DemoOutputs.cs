using System.CommandLine;
using System.Globalization;
using Samenreken.Nodes.Demo;
using Samenreken.Synthetic;

namespace Samenreken.Cli;

/// <summary>
/// What <c>samenreken demo</c> writes after a run that matched the reference, through the same commands a pilot team
/// runs: the pilot-store key, the letters, the SIMULATED responses, the evaluation, the DPIA and the transparency page,
/// into letters/, evaluation/ and documents/ of the demo's folder. The pilot store is its own SQLite file (svb/pilot.db).
/// </summary>
internal static class DemoOutputs
{
    /// <summary>The letter template, next to the program like the demo's project definition.</summary>
    public static string TemplateFile => Path.Combine(AppContext.BaseDirectory, "projects", "letters", "aio-uitnodiging.txt");

    /// <summary>Runs each step; returns 0, or the exit code of the first step that failed (its error line is on <paramref name="error"/>).</summary>
    public static int Write(string directory, DemoSummary summary, string projectFile, string? databaseUrl, ulong seed, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var svb = Path.Combine(directory, "svb");
        var data = Path.Combine(directory, "data");
        var key = Path.Combine(svb, "pilot.key");
        var pilot = Path.Combine(svb, "pilot.db");

        // The demo owns its folder: a previous demo's pilot store and outputs go, so every run starts fresh.
        foreach (var stale in new[] { key, pilot, pilot + "-wal", pilot + "-shm" }.Where(File.Exists))
        {
            File.Delete(stale);
        }

        foreach (var stale in new[] { "letters", "evaluation", "documents" }.Select(d => Path.Combine(directory, d)).Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        string[] store = ["--pilot-store", pilot, "--node-database", databaseUrl ?? Path.Combine(svb, "svb.db"), "--pilot-key-file", key, "--project", projectFile, "--as", "demo"];
        string[][] pilotSteps =
        [
            ["pilot-store", "key", "--out", key],
            ["letters", "--run", summary.RunId, "--out", Path.Combine(directory, "letters"), "--svb-file", Path.Combine(data, PopulationGenerator.SvbFileName), "--template", TemplateFile, .. store],
            ["responses", "simulate", "--run", summary.RunId, "--data", data, "--seed", seed.ToString(CultureInfo.InvariantCulture), .. store],
            ["evaluate", "--out", Path.Combine(directory, "evaluation"), .. store],
        ];
        string[][] documentSteps =
        [
            ["project", "dpia", "--project", projectFile, "--out", Path.Combine(directory, "documents")],
            ["project", "transparency", "--project", projectFile, "--out", Path.Combine(directory, "documents")],
        ];

        // A fairness alert in flight holds the letters (hold_letters_on_alert) until a reviewer decides: no letters, so no responses or evaluation either.
        var definition = Governance.Definition.ProjectDefinition.Parse(File.ReadAllText(projectFile));
        var held = LetterRelease.HeldAsync(databaseUrl ?? Path.Combine(svb, "svb.db"), summary.RunId, definition, decisionFile: null, CancellationToken.None).GetAwaiter().GetResult();
        if (held is not null)
        {
            output.WriteLine($"letters held: {held}; the demo writes no letters, responses or evaluation");
        }

        string[][] steps = held is null ? [.. pilotSteps, .. documentSteps] : documentSteps;
        foreach (var step in steps)
        {
            var code = SamenrekenCommand.Run(step, new InvocationConfiguration { Output = output, Error = error });
            if (code != ExitCodes.Success)
            {
                error.WriteLine($"demo: 'samenreken {step[0]} {step[1]}' failed with exit code {code}");
                return code;
            }
        }

        return ExitCodes.Success;
    }
}
