using Samenreken.Nodes.Demo;
using Samenreken.Nodes.Svb;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// The real node processes (<c>samenreken node uwv|svb</c>, started from this build) killed with SIGKILL at several
/// points and restarted: the selection and UWV's decryption count equal those of an uninterrupted run.
/// </summary>
public sealed class CrashResumeTests
{
    [Theory]
    [InlineData("gc")]
    [InlineData("dgk")]
    public async Task KilledNodes_ResumeTo_TheUninterruptedSelectionAndDecryptionCount(string engine)
    {
        var root = Directory.CreateTempSubdirectory("samenreken-crash-").FullName;
        try
        {
            // Real processes run under the production key policy: 2048 bits, the smallest it allows.
            var options = new DemoOptions(Persons: 400, Seed: 11, KeyBits: 2048, Path.Combine(root, "plain"), BatchSize: 32) { ChunkSize = 64, Engine = engine };
            var uninterrupted = await RunAsync(options);
            var interrupted = await RunAsync(options with
            {
                OutputDirectory = Path.Combine(root, "killed"),
                KillPoints =
                [
                    new KillPoint("uwv", "income", 1), // during UWV's encryption of the next chunks
                    new KillPoint("svb", "income", 3), // during SVB's income requests
                    new KillPoint("svb", "comparison", 2), // between comparison rounds of the batches in flight
                    new KillPoint("uwv", "comparison", 5), // during the key holder's rounds (and reveals)
                    new KillPoint("svb", "comparison", 8),
                    new KillPoint("uwv", "reveal", 7), // inside the reveal round (DGK's round 3, a gc batch's only round)
                    new KillPoint("svb", "reveal", 9), // a few of the 13 batches before the end: SVB done is SVB not killed
                ],
            });

            Assert.Equal(engine, uninterrupted.Engine);
            Assert.Equal(engine, interrupted.Engine);
            Assert.Equal(0, uninterrupted.Mismatches);
            Assert.Equal(0, uninterrupted.Kills);
            Assert.Equal(0, interrupted.Mismatches);
            Assert.Equal(7, interrupted.Kills);
            Assert.Equal(uninterrupted.Selected, interrupted.Selected);
            Assert.True(uninterrupted.Selected > 0);
            Assert.Equal(uninterrupted.DecryptionsServed, interrupted.DecryptionsServed);

            // Both nodes' audit trails survive the kills: every chain verifies against the checkpoints the peer holds.
            Assert.True(uninterrupted.AuditVerified, string.Join("; ", uninterrupted.Audit.Values));
            Assert.True(interrupted.AuditVerified, string.Join("; ", interrupted.Audit.Values));
            Assert.Equal(uninterrupted.ZeroTestsServed, interrupted.ZeroTestsServed);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task<DemoSummary> RunAsync(DemoOptions options)
        => DemoRun.RunAsync(options, Launcher(), new Progress<RunProgress>(), _ => { }, CancellationToken.None);

    /// <summary><c>dotnet samenreken.dll</c> from this test's output directory (the Cli project is referenced for it).</summary>
    private static NodeLauncher Launcher()
    {
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return new NodeLauncher(dotnet, [Path.Combine(AppContext.BaseDirectory, "samenreken.dll")]);
    }
}
