using System.Diagnostics;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Samenreken.Governance.Audit;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Wire;
using Samenreken.Storage;
using Samenreken.Synthetic;

namespace Samenreken.Cli.Tests;

/// <summary>
/// The pilot-store commands end to end on SQLite: a run's selection in a real SVB node database (written through
/// SvbStore as the node writes it), letters, responses, retention with a fake clock, and the evaluation.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PilotCommandsTests : IDisposable
{
    private const string RunId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-pilot-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _data;
    private readonly string _node;
    private readonly string _pilot;
    private readonly string _key;
    private readonly IReadOnlyList<Domain.Svb.Household> _selected;

    public PilotCommandsTests()
    {
        PilotSession.Clock = _clock;
        _data = Path.Combine(_directory.FullName, "data");
        PopulationGenerator.GenerateToDirectory(new GeneratorOptions(300, 5), _data);
        _node = Path.Combine(_directory.FullName, "svb.db");
        _pilot = Path.Combine(_directory.FullName, "pilot.db");
        _key = Path.Combine(_directory.FullName, "pilot.key");
        Assert.Equal(0, CliRun.Of("pilot-store", "key", "--out", _key).ExitCode);
        _selected = CompletedRun(Path.Combine(_data, PopulationGenerator.SvbFileName), _node);
    }

    public void Dispose()
    {
        PilotSession.Clock = TimeProvider.System;
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private string[] Store(params string[] args) =>
        [.. args, "--pilot-store", _pilot, "--node-database", _node, "--pilot-key-file", _key, "--project", ProjectCommandsTests.ProjectFile("aio-demo-fictitious.yaml"), "--as", "pilot-team"];

    private CliRun Letters(string output, bool withSvbFile = true) => CliRun.Of(Store([
        "letters", "--run", RunId, "--out", output, "--template", ProjectCommandsTests.ProjectFile(Path.Combine("letters", "aio-uitnodiging.txt")),
        .. withSvbFile ? new[] { "--svb-file", Path.Combine(_data, PopulationGenerator.SvbFileName) } : [],
    ]));

    /// <summary>A completed run as the SVB node stores it: the plan, and one result bit per household (every third one selected).</summary>
    private static List<Domain.Svb.Household> CompletedRun(string svbFile, string database)
    {
        var population = SvbPopulation.Load(svbFile);
        var store = SvbStore.Open(database);
        const int batchSize = 64;
        var plan = new RunAnnouncement { RunId = RunId, Persons = (uint)population.PersonIds.Count, Comparisons = (uint)population.ComparisonCount, ChunkSize = 2048, BatchSize = batchSize };
        store.CreateRun(RunId, plan.ToByteArray(), new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.Zero));
        for (var batch = 0; batch * batchSize < population.ComparisonCount; batch++)
        {
            var bits = new byte[batchSize / 8];
            for (var k = 0; k < batchSize; k++)
            {
                bits[k >> 3] |= (byte)(((batch * batchSize) + k) % 3 == 0 ? 1 << (k & 7) : 0);
            }

            store.CompleteBatch(RunId, batch, bits);
        }

        store.Complete(RunId);
        return [.. population.Households.Where((_, i) => i % 3 == 0)];
    }

    [Fact]
    public async Task Letters_OnePerSelectedRecipient_ThePdfSaysTheCaveat_TheNameAndTheAddress()
    {
        var output = Path.Combine(_directory.FullName, "letters");
        var run = Letters(output);

        Assert.True(run.ExitCode == 0, run.Error);
        var recipients = _selected.SelectMany(h => h.Recipients).ToList();
        Assert.Equal(recipients.Count, Directory.GetFiles(output, "*.pdf").Length);
        Assert.Equal(recipients.Count, Directory.GetFiles(output, "*.html").Length);

        var texts = Directory.GetFiles(output, "*.pdf").Select(PdfText).ToList();
        var someone = recipients[0].Address;
        var letter = Assert.Single(texts, t => t.Contains(someone.Name, StringComparison.Ordinal) && t.Contains(someone.Street, StringComparison.Ordinal));
        Assert.Contains(someone.Postcode, letter, StringComparison.Ordinal);
        Assert.Contains("Wij hebben uw vermogen niet bekeken", Flat(letter), StringComparison.Ordinal);
        Assert.Contains("ander inkomen hebben wij niet bekeken", Flat(letter), StringComparison.Ordinal);
        Assert.Contains("0800 000 0000", Flat(letter), StringComparison.Ordinal);
        Assert.Contains("VOORBEELD", letter, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Directory.GetFiles(output, "*.pdf")[0]));

        // The second time, the letters come from the pilot store: SVB's file is not needed, and the access is audited.
        Assert.Equal(0, Letters(Path.Combine(_directory.FullName, "again"), withSvbFile: false).ExitCode);
        var audit = new List<AuditEntry>();
        await foreach (var entry in DatabaseAuditStore.Open(_node, "svb").ReadAllAsync())
        {
            audit.Add(entry);
        }

        Assert.Equal(2, audit.Count(e => e.Kind == AuditKind.PilotStoreExport));
        Assert.DoesNotContain(audit, e => e.Serialize().Contains(someone.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Letters_ForARunNotCompleted_OrWithoutAKey_AreRefused()
    {
        CliRun.Of(Store("letters", "--run", "ffffffffffffffffffffffffffffffff", "--out", Path.Combine(_directory.FullName, "x"), "--template",
            ProjectCommandsTests.ProjectFile(Path.Combine("letters", "aio-uitnodiging.txt")), "--svb-file", Path.Combine(_data, PopulationGenerator.SvbFileName)))
            .AssertFailed(ExitCodes.CheckFailed, "not a completed run");
        File.SetUnixFileMode(_key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Letters(Path.Combine(_directory.FullName, "y")).AssertFailed(ExitCodes.InvalidInput, "readable by others");
    }

    [Fact]
    public async Task Letters_AfterAFairnessAlertInTheRun_AreHeldUntilTheReviewerReleasesThem_ForThatPlan()
    {
        // The SVB node recorded an alert during the run (the demo project holds letters on alert); the same alert again, as a resumed run replays it.
        var plan = new string('a', 64);
        using (var log = new AuditLog(DatabaseAuditStore.Open(_node, "svb"), "svb", TimeProvider.System))
        {
            for (var replay = 0; replay < 2; replay++)
            {
                await log.AppendAsync(AuditRecord.Create(AuditKind.MonitorAlert, "svb", RunId, "fairness-alert kind=Conditional direction=Under group=sex:F",
                    counts: [new("look", 2), new("households_so_far", 150)], hashes: [new("fairness_plan", plan)]));
            }
        }

        var output = Path.Combine(_directory.FullName, "letters");
        var held = Letters(output);
        held.AssertFailed(ExitCodes.CheckFailed, "held");
        Assert.Contains("a reviewer must decide first", held.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.GetFiles(output).Length > 0);

        string Decision(string name, string planHash, string decision)
        {
            var file = Path.Combine(_directory.FullName, name);
            File.WriteAllText(file, $$"""{"planHash":"{{planHash}}","alerts":1,"decision":"{{decision}}","reviewer":"ct","reason":"examined","decidedAt":"2026-06-01T10:00:00+00:00"}""");
            return file;
        }

        // A decision about another plan's alerts releases nothing; a stop holds them for good; a release for this plan lets them go.
        CliRun.Of(Store([.. LettersArgs(output), "--fairness-decision", Decision("other.json", new string('b', 64), "release")])).AssertFailed(ExitCodes.CheckFailed, "a reviewer must decide first");
        CliRun.Of(Store([.. LettersArgs(output), "--fairness-decision", Decision("stop.json", plan, "stop")])).AssertFailed(ExitCodes.CheckFailed, "stopped");
        var released = CliRun.Of(Store([.. LettersArgs(output), "--fairness-decision", Decision("release.json", plan, "release")]));
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Equal(_selected.Sum(h => h.Recipients.Count), Directory.GetFiles(output, "*.pdf").Length);
    }

    private string[] LettersArgs(string output) =>
    [
        "letters", "--run", RunId, "--out", output, "--template", ProjectCommandsTests.ProjectFile(Path.Combine("letters", "aio-uitnodiging.txt")),
        "--svb-file", Path.Combine(_data, PopulationGenerator.SvbFileName),
    ];

    [Fact]
    public void ResponsesImport_ReportsEveryBadLineByNumber_AndImportsNothing_ThenAllOfAGoodFile()
    {
        Assert.Equal(0, Letters(Path.Combine(_directory.FullName, "letters")).ExitCode);
        var references = Directory.GetFiles(Path.Combine(_directory.FullName, "letters"), "*.pdf").Select(p => Path.GetFileNameWithoutExtension(p)).Order().ToList();
        var csv = Path.Combine(_directory.FullName, "responses.csv");
        File.WriteAllText(csv, $"kenmerk,status,datum,kanaal\n{references[0]},Responded,2026-06-03,telefoon\n{references[1]},Granted,2026-06-03,\nAIO-NOPE,Responded,2026-06-03,online\n");

        var bad = CliRun.Of(Store("responses", "import", csv, "--run", RunId));

        bad.AssertFailed(ExitCodes.InvalidInput, "2 bad lines");
        Assert.Contains(bad.ErrorLines, l => l.Contains("line 3:", StringComparison.Ordinal) && l.Contains("Granted cannot follow Contacted", StringComparison.Ordinal));
        Assert.Contains(bad.ErrorLines, l => l.Contains("line 4:", StringComparison.Ordinal) && l.Contains("unknown reference", StringComparison.Ordinal));
        Assert.DoesNotContain(bad.ErrorLines, l => l.Contains("line 2:", StringComparison.Ordinal));

        // Nothing was imported: the good first line can still be followed only by what follows Contacted.
        CliRun.Of(Store("responses", "set", "--run", RunId, "--reference", references[0], "--status", "Applied", "--date", "2026-06-04"))
            .AssertFailed(ExitCodes.Usage, "Applied cannot follow Contacted");

        File.WriteAllText(csv, $"kenmerk,status,datum,kanaal\n{references[0]},Responded,2026-06-03,telefoon\n{references[0]},Applied,2026-06-10,\n");
        Assert.Equal(0, CliRun.Of(Store("responses", "import", csv, "--run", RunId)).ExitCode);
        Assert.Equal(0, CliRun.Of(Store("responses", "set", "--run", RunId, "--reference", references[0], "--status", "Granted", "--date", "2026-07-01")).ExitCode);
    }

    [Fact]
    public void RetentionEnforce_KeepsARunWithinItsTerm_ShredsItAfter_AndTheStoreIsReadOnlyAfterTheHorizon()
    {
        Assert.Equal(0, Letters(Path.Combine(_directory.FullName, "letters")).ExitCode);

        var kept = CliRun.Of(Store("retention", "enforce"));
        Assert.Equal(0, kept.ExitCode);
        Assert.Contains("0 run(s) shredded, 1 kept", kept.Output, StringComparison.Ordinal);

        // The demo project's horizon (2029-01-01) cuts the 730-day term short; after it the store is read-only and the run goes.
        _clock.SetUtcNow(new DateTimeOffset(2029, 1, 2, 0, 0, 0, TimeSpan.Zero));
        CliRun.Of(Store("responses", "set", "--run", RunId, "--reference", "AIO-AAAAA-AAAAA", "--status", "NoResponse", "--date", "2029-01-02"))
            .AssertFailed(ExitCodes.CheckFailed, "ReadOnlyAfterHorizon");
        var shredded = CliRun.Of(Store("retention", "enforce"));
        Assert.Equal(0, shredded.ExitCode);
        Assert.Contains($"shredded run {RunId}", shredded.Output, StringComparison.Ordinal);
        Assert.Contains("read-only", shredded.Output, StringComparison.Ordinal);
        // Nor can the selection in the node database bring the mailing list back.
        Letters(Path.Combine(_directory.FullName, "late")).AssertFailed(ExitCodes.CheckFailed, "Destroyed");
    }

    [Fact]
    public async Task Evaluate_SimulatedFunnel_IsLabelledEverywhere_AndNoSuppressedCellIsRecoverableBySubtraction()
    {
        // What the SVB node records of a run's cost: bytes each way, and its start and finish in the audit log.
        SvbStore.Open(_node).AddBytes(RunId, 1_200, 56_000);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 30, 10, 0, 0, TimeSpan.Zero));
        using (var log = new AuditLog(DatabaseAuditStore.Open(_node, "svb"), "svb", clock))
        {
            await log.AppendAsync(AuditRecord.Create(AuditKind.RunStarted, "svb", RunId, "new run"));
            clock.Advance(TimeSpan.FromSeconds(90));
            await log.AppendAsync(AuditRecord.Create(AuditKind.RunFinished, "svb", RunId, "run complete", counts: [new("decryptions_served_by_uwv", 300), new("zero_tests_served_by_uwv", 0)]));
        }

        Assert.Equal(0, Letters(Path.Combine(_directory.FullName, "letters")).ExitCode);
        Assert.Equal(0, CliRun.Of(Store("responses", "simulate", "--run", RunId, "--data", _data, "--seed", "3")).ExitCode);
        var output = Path.Combine(_directory.FullName, "evaluation");

        var run = CliRun.Of(Store("evaluate", "--out", output));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("SIMULATED", run.Output, StringComparison.Ordinal);
        Assert.Contains("GESIMULEERD", File.ReadAllText(Path.Combine(output, "evaluation.html")), StringComparison.Ordinal);
        Assert.Contains("GESIMULEERD", File.ReadAllText(Path.Combine(output, "evaluation.md")), StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")))!;
        Assert.True(json["simulated"]!.GetValue<bool>());
        Assert.True(new FileInfo(Path.Combine(output, "evaluation-funnel.png")).Length > 1000);

        // The run's cost figures, from the node database (art. 6), in the JSON and the HTML page.
        var cost = Assert.Single(json["costs"]!.AsArray())!;
        Assert.Equal(RunId, cost["run"]!.GetValue<string>());
        Assert.Equal((1_200L, 56_000L, 300L), (cost["bytes_svb_to_uwv"]!.GetValue<long>(), cost["bytes_uwv_to_svb"]!.GetValue<long>(), cost["decryptions_served"]!.GetValue<long>()));
        Assert.Equal(90.0, cost["wall_seconds"]!.GetValue<double>());
        Assert.Contains("Kosten per run", File.ReadAllText(Path.Combine(output, "evaluation.html")), StringComparison.Ordinal);

        // The attack: the reader knows total = sum of runs = sum of months per stage; no relation may have exactly one hidden cell.
        var rows = json["rows"]!.AsArray().ToDictionary(r => r!["row"]!.GetValue<string>(), r => r!);
        foreach (var stage in new[] { "approached", "responded", "applied", "granted", "refused" })
        {
            foreach (var prefix in new[] { "run:", "period:" })
            {
                var members = rows.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal) || r.Key == "total").Select(r => r.Value[stage]).ToList();
                Assert.NotEqual(1, members.Count(m => m is null));
            }

            var value = rows["total"][stage];
            Assert.True(value is null || value.GetValue<long>() == 0 || value.GetValue<long>() >= 10, $"{stage}: a published cell below the minimum");
        }
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static string PdfText(string pdf)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
