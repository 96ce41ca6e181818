using Samenreken.Domain.Csv;
using Samenreken.Domain.Svb;
using Samenreken.Fairness;
using Samenreken.Governance.Audit;
using Samenreken.Governance.Definition;
using Samenreken.Nodes.Svb;
using Samenreken.Pilot;
using Samenreken.Pilot.Fairness;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>The fairness monitor at the SVB node during a real run: looks in flight, the record next to the selection, the same alerts as a replay.</summary>
public sealed class FairnessMonitorTests
{
    private sealed class Looks : IProgress<RunProgress>
    {
        public List<int> Seen { get; } = [];

        public List<int> AlertCounts { get; } = [];

        public void Report(RunProgress value)
        {
            lock (Seen)
            {
                (value.Phase == RunProgress.FairnessAlertsPhase ? AlertCounts : value.Phase == "fairness" ? Seen : []).Add(value.Done);
            }
        }
    }

    [Fact]
    public async Task MonitoredRun_LooksFourTimesInFlight_AndRecordsWhatAReplayOfItsSelectionRaises()
    {
        await using var bed = NodeTestbed.Create(persons: 800, seed: 5);
        await using var uwvDb = await TestDatabase.CreateAsync("sqlite", bed.Directory);
        await using var svbDb = await TestDatabase.CreateAsync("sqlite", bed.Directory);
        await bed.StartUwvAsync(uwvDb.ConnectionString);
        var output = Path.Combine(bed.Directory, "monitored");
        var project = bed.ProjectFile;
        var looks = new Looks();

        var result = await bed.Svb(svbDb.ConnectionString, batchSize: 64, output: output, progress: looks).RunAsync(CancellationToken.None);

        var record = FairnessRunFiles.TryParse<MonitorRecord>(File.ReadAllText(Path.Combine(output, FairnessRunFiles.AlertsFileName)), out var problem);
        Assert.True(record is not null, problem);
        Assert.Equal([1, 2, 3, 4], looks.Seen);
        Assert.Equal((4, result.Households, result.Households), (record.Looks, record.Households, record.PlannedHouseholds));

        // The replay the report command makes, from SVB's file and the selection, gives the same plan and alerts.
        var definition = ProjectDefinition.Parse(File.ReadAllText(project));
        using var svbText = new StreamReader(bed.SvbFile);
        var svb = SvbFile.OpenHouseholds(svbText).Load(CsvLoadMode.FailWholeLoad, 0);
        var day = PilotMonitoring.ReferenceDay(PilotParties.Parameters(svb.Info, "SVB").ReferenceMonth);
        var selected = result.Selection.Select(row => long.Parse(row[..row.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var households = svb.Records.Where(h => !h.ReceivesAio).ToList();
        var replay = RunMonitor.Create(PilotMonitoring.Plan(definition.FairnessMonitor), households.Count);
        replay.Add(households.Select(h => PilotMonitoring.Observe(h, day, selected.Contains(h.Id))));
        Assert.Equal(replay.Plan.CanonicalHash, record.PlanHash);
        Assert.Equal(replay.AlphaSpent, record.AlphaSpent, 12);
        Assert.Equal(replay.Alerts.Select(a => a.ToAuditText()), record.Alerts.Select(a => a.ToAuditText()));
        Assert.Equal(record.Alerts.Count, looks.AlertCounts.LastOrDefault());
    }

    [Fact]
    public async Task PlantedBias_EachLookThatRaisesAlerts_ShowsTheCountSoFarInTheProgress_TheFairTwinShowsNone()
    {
        await using var bed = NodeTestbed.Create(persons: 3000, seed: 5);
        var population = SvbPopulation.Load(bed.SvbFile);
        var definition = ProjectDefinition.Parse(File.ReadAllText(bed.ProjectFile));
        var day = PilotMonitoring.ReferenceDay(population.ReferenceMonth);
        var north = population.Households.Select(h => MonitoredAttributes.Of(h, day)[MonitoredAttributes.Region] == "noord").ToList();
        Assert.Contains(true, north);

        // Biased: every household of one region selected, one in five elsewhere; fair twin: one in five everywhere.
        var (biased, biasedAlerts) = Watch(definition, population, k => north[k] || k % 5 == 0);
        var (fair, fairAlerts) = Watch(definition, population, k => k % 5 == 0);

        Assert.NotEmpty(biasedAlerts);
        Assert.Equal(biasedAlerts.Count, biased.AlertCounts[^1]);
        Assert.Equal(biased.AlertCounts.Order(), biased.AlertCounts);
        Assert.Empty(fairAlerts);
        Assert.Empty(fair.AlertCounts);
        Assert.Equal([1, 2, 3, 4], fair.Seen);
    }

    private static (Looks Progress, List<FairnessAlert> Alerts) Watch(ProjectDefinition definition, SvbPopulation population, Func<int, bool> selected)
    {
        const int batchSize = 64;
        var progress = new Looks();
        var watch = SvbFairnessWatch.Create(definition, population, batchSize, progress, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var alerts = new List<FairnessAlert>();
        var batches = (population.Households.Count + batchSize - 1) / batchSize;
        for (var batch = batches - 1; batch >= 0; batch--) // in reverse: the watch puts them in order
        {
            var bits = new byte[batchSize / 8];
            for (var k = 0; k < batchSize && (batch * batchSize) + k < population.Households.Count; k++)
            {
                bits[k >> 3] |= (byte)(selected((batch * batchSize) + k) ? 1 << (k & 7) : 0);
            }

            alerts.AddRange(watch.BatchDone(batch, bits));
        }

        return (progress, alerts);
    }

    [Fact]
    public void AnAlert_IsAcceptedByTheAudit_EvenWhenThePlanHashHoldsNineDigitsInARow()
    {
        var alert = new FairnessAlert(new string('1', 64), 2, 6743, FindingKind.UnexplainedDisparity, Direction.Under, "sex=M & household_type=single", 0.405, "zin");

        var record = AuditRecord.Create(AuditKind.MonitorAlert, "svb", detail: SvbFairnessWatch.AuditDetail(alert), hashes: [new(SvbFairnessWatch.PlanHashName, alert.PlanHash)]);

        Assert.Equal("fairness-alert kind=UnexplainedDisparity direction=Under group=\"sex=M & household_type=single\" ratio=0.41", record.Detail);

        // Broken twin: the alert's own line starts with the plan hash, which the audit refuses as a possible BSN.
        Assert.Throws<ArgumentException>(() => AuditRecord.Create(AuditKind.MonitorAlert, "svb", detail: alert.ToAuditText()));
    }
}
