using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samenreken.Governance.Audit;
using Samenreken.Nodes;
using Samenreken.Nodes.Svb;
using Samenreken.Nodes.Tls;
using Samenreken.Nodes.Wire;
using Samenreken.Governance.Responses;
using Samenreken.Pilot.Fairness;
using Samenreken.Storage;
using Samenreken.Web.Accounts;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Tests;

/// <summary>The two ports of a node keep apart, and a run the project definition forbids is refused on the page in plain words.</summary>
[Collection(WebCollection.Name)]
public sealed class NodeWebTests(WebNodes nodes)
{
    [Fact]
    public async Task TheBrowserPortServesNoGrpc_AndThePeerPortServesNoPages()
    {
        // The browser port asks no client certificate: UWV's gRPC service must not answer there.
        using var browserPort = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        using var grpc = new HttpRequestMessage(HttpMethod.Post, nodes.UwvUrl + "/samenreken.nodes.v1.UwvNode/GetPublicKeys")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        grpc.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var refused = await browserPort.SendAsync(grpc);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browserPort.GetAsync(nodes.UwvUrl + "/inloggen")).StatusCode);

        // The peer port, with SVB's own client certificate: no pages there.
        using var peerPort = new HttpClient(MutualTlsClientHandler.Create(nodes.Certificates.OptionsFor(DevelopmentCertificates.SvbNode)));
        using var page = new HttpRequestMessage(HttpMethod.Get, $"{NodeHost.Scheme}://127.0.0.1:{nodes.UwvPeerPort}/inloggen")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.Equal(HttpStatusCode.NotFound, (await peerPort.SendAsync(page)).StatusCode);
    }

    [Fact]
    public async Task ARunAfterTheProjectHorizon_IsRefusedOnThePage_InPlainWords()
    {
        // The 2022 pilot's definition lapsed at its horizon (21 September 2025).
        var database = Path.Combine(nodes.Directory, "svb-expired.db");
        WebNodes.AddAccounts(database, ("pilot-team", "pilot"));
        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-pilot-2022.yaml"));
        await using var context = await nodes.NewContextAsync(url);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");

        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe run starten" }).ClickAsync();

        await Assertions.Expect(page.Locator("#refusal")).ToHaveTextAsync("Het project is afgelopen op 2025-09-21. Na die datum mag geen nieuwe run meer starten.");
        Assert.Empty(((Samenreken.Web.Runs.ISvbRunConsole)svb.Services.GetService(typeof(Samenreken.Web.Runs.ISvbRunConsole))!).Runs());
        await Pages.ScreenshotAsync(page, "svb-refusal");
    }

    [Fact]
    public async Task TheLettersOfARunWithAFairnessAlert_AreHeldOnThePage_AndAreNotMade()
    {
        // A completed run whose monitor raised an alert, as the SVB node records it; the demo project holds letters on alert.
        const string runId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        var database = Path.Combine(nodes.Directory, "svb-alert.db");
        WebNodes.AddAccounts(database, (WebRoles.PilotTeam, "pilot"));
        CompletedRun(nodes.SvbFile, database, runId);
        using (var log = new AuditLog(DatabaseAuditStore.Open(database, "svb"), "svb", TimeProvider.System))
        {
            await log.AppendAsync(AuditRecord.Create(AuditKind.MonitorAlert, "svb", runId, "fairness-alert kind=Conditional direction=Under group=sex:F",
                counts: [new("look", 2)], hashes: [new(SvbFairnessWatch.PlanHashName, new string('a', 64))]));
        }

        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-demo-fictitious.yaml"));
        await using var context = await nodes.NewContextAsync(url);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");
        await page.GotoAsync($"/runs/{runId}/brieven");

        await Assertions.Expect(page.Locator("#held")).ToContainTextAsync("a reviewer must decide first");
        Assert.Equal(0, await page.Locator("#make-letters").CountAsync());
        await Pages.AssertAccessibleAsync(page);

        // Nor does a request to make them get past the hold: no mailing list in the pilot store.
        var desk = svb.Services.GetRequiredService<ISvbPilotDesk>();
        Assert.NotNull(await desk.MakeLettersAsync(runId, "pilot", CancellationToken.None));
        Assert.Equal(0, (await desk.RunAsync(runId, "pilot", CancellationToken.None))!.Letters);

        // The twin: the same run in the shared node's database has no alert, and its letters may be made.
        var free = await nodes.CompletedRunAsync();
        Assert.Null((await nodes.Svb.Services.GetRequiredService<ISvbPilotDesk>().RunAsync(free, "pilot", CancellationToken.None))!.Held);
    }

    [Fact]
    public async Task TheReviewerReleasesTheHeldLetters_OnTheFairnessPage_AndThePilotTeamCanMakeThem()
    {
        const string runId = "1b2c3d4e5f60718293a4b5c6d7e8f90a";
        var database = Path.Combine(nodes.Directory, "svb-decision.db");
        WebNodes.AddAccounts(database, (WebRoles.PilotTeam, "pilot"), (WebRoles.Reviewer, "reviewer"), (WebRoles.Auditor, "auditor"));
        CompletedRun(nodes.SvbFile, database, runId);
        await AlertAsync(database, runId);
        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-demo-fictitious.yaml"));

        // Held, and no other role than the reviewer may decide: the pilot team's post (with a valid token) is refused with 403.
        await using var pilotContext = await nodes.NewContextAsync(url);
        var pilot = await pilotContext.NewPageAsync();
        await Pages.SignInAsync(pilot, "pilot");
        await pilot.GotoAsync($"/runs/{runId}/brieven");
        await Assertions.Expect(pilot.Locator("#held")).ToContainTextAsync("a reviewer must decide first");
        await pilot.GotoAsync($"/runs/{runId}/gelijke-behandeling");
        await Assertions.Expect(pilot.Locator("#decision-pending")).ToBeVisibleAsync();
        Assert.Equal(0, await pilot.Locator("#record-decision").CountAsync());
        var pilotPost = await pilotContext.APIRequest.PostAsync($"/runs/{runId}/gelijke-behandeling/decide", new()
        {
            Form = pilotContext.APIRequest.CreateFormData().Set("__RequestVerificationToken", Pages.Token(await pilot.ContentAsync())).Set("Decision", "release").Set("Reason", "not mine to decide"),
            MaxRedirects = 0,
        });
        Assert.Equal(403, pilotPost.Status);

        await using var reviewerContext = await nodes.NewContextAsync(url);
        var reviewer = await reviewerContext.NewPageAsync();
        await Pages.SignInAsync(reviewer, "reviewer");
        await reviewer.GotoAsync($"/runs/{runId}/gelijke-behandeling");
        await Assertions.Expect(reviewer.Locator("#record-decision")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("#letters-held")).ToHaveAttributeAsync("data-held", "true");
        await Pages.AssertAccessibleAsync(reviewer);

        // A post without the token is refused; one without a reason is sent back with the problem; neither records anything.
        var token = Pages.Token(await reviewer.ContentAsync());
        var tokenless = await reviewerContext.APIRequest.PostAsync($"/runs/{runId}/gelijke-behandeling/decide", new()
        {
            Form = reviewerContext.APIRequest.CreateFormData().Set("Decision", "release").Set("Reason", "checked"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, tokenless.Status);
        var reasonless = await reviewerContext.APIRequest.PostAsync($"/runs/{runId}/gelijke-behandeling/decide", new()
        {
            Form = reviewerContext.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("Decision", "release").Set("Reason", "  "),
            MaxRedirects = 0,
        });
        Assert.Equal(422, reasonless.Status);
        Assert.Contains("Geef de reden van de beslissing.", await reasonless.TextAsync(), StringComparison.Ordinal);
        Assert.Null((await SvbFairnessReview.ReadAsync(database, runId, CancellationToken.None)).Decision);
        Assert.NotNull((await svb.Services.GetRequiredService<ISvbPilotDesk>().RunAsync(runId, "pilot", CancellationToken.None))!.Held);

        // The reviewer releases on the page: the decision is the one fairness acknowledge records, kept in the audit log under the reviewer's name.
        await reviewer.Locator("#decision-release").CheckAsync();
        await reviewer.GetByLabel("Reden (verplicht, één regel; wordt met de beslissing bewaard)").FillAsync("Alarm onderzocht: verklaard door de leeftijdsopbouw.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Beslissing vastleggen" }).ClickAsync();
        await Assertions.Expect(reviewer.Locator("#decision-saved")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("#decision")).ToContainTextAsync("reviewer gaf de brieven vrij");
        await Assertions.Expect(reviewer.Locator("#letters-held")).ToHaveAttributeAsync("data-held", "false");
        Assert.Equal(0, await reviewer.Locator("#record-decision").CountAsync());
        await Pages.ScreenshotAsync(reviewer, "svb-fairness-decision");
        await Pages.AssertAccessibleAsync(reviewer);
        var review = await SvbFairnessReview.ReadAsync(database, runId, CancellationToken.None);
        Assert.Equal((ReviewDecision.Release, "reviewer", "Alarm onderzocht: verklaard door de leeftijdsopbouw.", 1, new string('a', 64)),
            (review.Decision!.Decision, review.Decision.Reviewer, review.Decision.Reason, review.Decision.Alerts, review.Decision.PlanHash));
        Assert.Equal(ReviewDecision.Release, review.Covering);
        var entry = Assert.Single(await DatabaseAuditStore.Open(database, "svb").ReadAllAsync().ToListAsync(), e => e.Kind == AuditKind.ReviewDecision);
        Assert.Equal((runId, "reviewer"), (entry.RunId, entry.Actor));

        // The pilot team's letters page no longer says held, and the letters can be made.
        await pilot.GotoAsync($"/runs/{runId}/brieven");
        Assert.Equal(0, await pilot.Locator("#held").CountAsync());
        await pilot.GetByRole(AriaRole.Button, new() { Name = "Brieven maken" }).ClickAsync();
        await Assertions.Expect(pilot.Locator("#letters tbody tr").First).ToBeVisibleAsync();
        Assert.True((await svb.Services.GetRequiredService<ISvbPilotDesk>().RunAsync(runId, "pilot", CancellationToken.None))!.Letters > 0);
    }

    [Fact]
    public async Task ADecisionAboutFewerAlertsThanTheRunRaised_DoesNotReleaseTheLetters()
    {
        const string runId = "2c3d4e5f60718293a4b5c6d7e8f90a1b";
        var database = Path.Combine(nodes.Directory, "svb-decision-stale.db");
        CompletedRun(nodes.SvbFile, database, runId);
        await AlertAsync(database, runId);
        using (var log = new AuditLog(DatabaseAuditStore.Open(database, "svb"), "svb", TimeProvider.System))
        {
            await SvbFairnessReview.RecordAsync(log, database, runId, ReviewDecision.Release, "reviewer", "first alert examined", CancellationToken.None);
            Assert.Equal(ReviewDecision.Release, (await SvbFairnessReview.ReadAsync(database, runId, CancellationToken.None)).Covering);

            // The monitor raises a second alert later (a resumed run): the decision covered one, so it no longer releases.
            await log.AppendAsync(AuditRecord.Create(AuditKind.MonitorAlert, "svb", runId, "fairness-alert kind=Conditional direction=Over group=region:N",
                counts: [new("look", 3)], hashes: [new(SvbFairnessWatch.PlanHashName, new string('a', 64))]));
        }

        var state = await SvbFairnessReview.ReadAsync(database, runId, CancellationToken.None);
        Assert.Equal((2, ReviewDecision.Release), (state.Alerts, state.Decision!.Decision));
        Assert.Null(state.Covering);
    }

    [Fact]
    public async Task ThePrivacyOfficerSeesWhatIsDueToday_AndConfirms_AndTheRunIsShredded()
    {
        const string runId = "3d4e5f60718293a4b5c6d7e8f90a1b2c";
        var database = Path.Combine(nodes.Directory, "svb-retention.db");
        WebNodes.AddAccounts(database, (WebRoles.PilotTeam, "pilot"), (WebRoles.PrivacyOfficer, "privacy"));
        CompletedRun(nodes.SvbFile, database, runId);
        var clock = new ShiftedClock();
        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-demo-fictitious.yaml"), s => s.AddSingleton<TimeProvider>(clock));
        var desk = svb.Services.GetRequiredService<ISvbPilotDesk>();
        Assert.Null(await desk.MakeLettersAsync(runId, "pilot", CancellationToken.None));

        // Today nothing is due: no button.
        await using var context = await nodes.NewContextAsync(url);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "privacy");
        await page.GotoAsync("/bewaren");
        await Assertions.Expect(page.Locator("#due-none")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#enforce-retention").CountAsync());

        // 731 days on, the demo project's 730-day term for the mailing list has passed (before its 2029 horizon).
        clock.Shift = TimeSpan.FromDays(731);
        await Pages.SignInAsync(page, "privacy");
        await page.GotoAsync("/bewaren");
        await Assertions.Expect(page.Locator("#due-runs")).ToContainTextAsync(runId);
        await Pages.ScreenshotAsync(page, "svb-retention-due");
        await Pages.AssertAccessibleAsync(page);

        // The pilot team sees what is due, but may not enforce: no button, and its post is refused with 403.
        await using var pilotContext = await nodes.NewContextAsync(url);
        var pilot = await pilotContext.NewPageAsync();
        await Pages.SignInAsync(pilot, "pilot");
        await pilot.GotoAsync("/bewaren");
        await Assertions.Expect(pilot.Locator("#due-runs")).ToContainTextAsync(runId);
        Assert.Equal(0, await pilot.Locator("#enforce-retention").CountAsync());
        var refused = await pilotContext.APIRequest.PostAsync("/bewaren", new()
        {
            Form = pilotContext.APIRequest.CreateFormData().Set("__RequestVerificationToken", Pages.Token(await pilot.ContentAsync())),
            MaxRedirects = 0,
        });
        Assert.Equal(403, refused.Status);
        Assert.Equal(0, await Shreds(database, runId));

        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen: nu vernietigen (aantal runs: 1)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#enforced")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator($"#enforced-runs li[data-run='{runId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#due-none")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        // The same enforcement as samenreken retention enforce: the key is gone, the figures are kept, the shred is in the audit log by the privacy officer.
        Assert.Equal(0, (await desk.RunAsync(runId, "pilot", CancellationToken.None))!.Letters);
        Assert.Contains(runId, desk.Retention().Shredded);
        Assert.Equal(1, await Shreds(database, runId));
    }

    [Fact]
    public async Task TheEvaluationTable_ChangesWithARegisteredResponse_SmallCellsSuppressed_AndTheChartShowsThePublishedStages()
    {
        const string runId = "4e5f60718293a4b5c6d7e8f90a1b2c3d";
        var database = Path.Combine(nodes.Directory, "svb-evaluation.db");
        WebNodes.AddAccounts(database, (WebRoles.PilotTeam, "pilot"), (WebRoles.Reviewer, "reviewer"));
        CompletedRun(nodes.SvbFile, database, runId);
        var (svb, url) = await nodes.StartSvbAsync(database, Path.Combine(WebNodes.RepositoryRoot(), "projects", "aio-demo-fictitious.yaml"));
        var desk = svb.Services.GetRequiredService<ISvbPilotDesk>();
        Assert.Null(await desk.MakeLettersAsync(runId, "pilot", CancellationToken.None));
        var references = (await desk.MailingListAsync(runId, "pilot", CancellationToken.None)).Select(e => e.Reference).ToList();
        Assert.True(references.Count >= 20, $"{references.Count} letters: the test needs at least 20");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await using var context = await nodes.NewContextAsync(url);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");
        var total = page.Locator("#evaluation tr[data-row='total']");
        var thisRun = page.Locator($"#evaluation tr[data-row='run:{runId}']");
        await page.GotoAsync($"/runs/{runId}/evaluatie");
        await Assertions.Expect(thisRun.Locator("td[data-stage='approached']")).ToHaveTextAsync(references.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(thisRun.Locator("td[data-stage='responded']")).ToHaveTextAsync("0");
        await Assertions.Expect(total.Locator("td[data-rate='responded']")).ToHaveTextAsync("0,0%");
        await Assertions.Expect(page.Locator($"#evaluation tr[data-row^='period:']")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("#simulated").CountAsync());

        // One response through the page's form: 1 is below the minimum, so it is suppressed, with its rate (and never drawn).
        await page.GotoAsync($"/runs/{runId}/brieven");
        await page.GetByLabel("Kenmerk", new() { Exact = true }).FillAsync(references[0]);
        await page.GetByLabel("Datum", new() { Exact = true }).FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Kanaal (bij een reactie)").SelectOptionAsync("telefoon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactie opslaan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        await page.GotoAsync($"/runs/{runId}/evaluatie");
        await Assertions.Expect(thisRun.Locator("td[data-stage='responded']")).ToHaveTextAsync("onderdrukt");
        await Assertions.Expect(total.Locator("td[data-stage='responded']")).ToHaveTextAsync("onderdrukt");
        await Assertions.Expect(total.Locator("td[data-rate='responded']")).ToHaveTextAsync("–");
        await Assertions.Expect(page.Locator("#evaluation-chart rect")).ToHaveCountAsync(4);

        // Ten more: 11 responded is published, with its rate, and the chart draws all five stages.
        Assert.Empty(await desk.RegisterAsync(runId, [.. references.Skip(1).Take(10).Select(r => new ResponseEvent(r, ResponseStatus.Responded, today, "online"))], "pilot", CancellationToken.None));
        await page.GotoAsync($"/runs/{runId}/evaluatie");
        await Assertions.Expect(thisRun.Locator("td[data-stage='responded']")).ToHaveTextAsync("11");
        var rate = (11.0 / references.Count * 100).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + "%";
        await Assertions.Expect(total.Locator("td[data-rate='responded']")).ToHaveTextAsync(rate);
        await Assertions.Expect(page.Locator("#evaluation-chart rect")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#evaluation-chart desc")).ToContainTextAsync("Gereageerd: 11");
        await Pages.ScreenshotAsync(page, "svb-evaluation-table");
        await Pages.AssertAccessibleAsync(page);

        // Aggregates only: the reviewer opens the same table.
        await using var reviewerContext = await nodes.NewContextAsync(url);
        var reviewer = await reviewerContext.NewPageAsync();
        await Pages.SignInAsync(reviewer, "reviewer");
        await reviewer.GotoAsync($"/runs/{runId}/evaluatie");
        await Assertions.Expect(reviewer.Locator($"#evaluation tr[data-row='run:{runId}'] td[data-stage='responded']")).ToHaveTextAsync("11");
        Assert.DoesNotContain(references[0], await reviewer.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>The monitor's alert on a run, as the SVB node records it in its audit log.</summary>
    private static async Task AlertAsync(string database, string runId)
    {
        using var log = new AuditLog(DatabaseAuditStore.Open(database, "svb"), "svb", TimeProvider.System);
        await log.AppendAsync(AuditRecord.Create(AuditKind.MonitorAlert, "svb", runId, "fairness-alert kind=Conditional direction=Under group=sex:F",
            counts: [new("look", 2)], hashes: [new(SvbFairnessWatch.PlanHashName, new string('a', 64))]));
    }

    /// <summary>The shreds of a run in the node's audit log.</summary>
    private static async Task<int> Shreds(string database, string runId)
        => (await DatabaseAuditStore.Open(database, "svb").ReadAllAsync().ToListAsync()).Count(e => e.Kind == AuditKind.RetentionAction && e.RunId == runId && e.Actor == "privacy");

    /// <summary>The system clock moved on by <see cref="Shift"/>: the node's retention sees a later day.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }

    /// <summary>A completed run as the SVB node stores it: the plan, and one result bit per household (every third one selected).</summary>
    private static void CompletedRun(string svbFile, string database, string runId)
    {
        var population = SvbPopulation.Load(svbFile);
        var store = SvbStore.Open(database);
        const int batchSize = 64;
        var plan = new RunAnnouncement { RunId = runId, Persons = (uint)population.PersonIds.Count, Comparisons = (uint)population.ComparisonCount, ChunkSize = 2048, BatchSize = batchSize };
        store.CreateRun(runId, plan.ToByteArray(), DateTimeOffset.UtcNow);
        for (var batch = 0; batch * batchSize < population.ComparisonCount; batch++)
        {
            var bits = new byte[batchSize / 8];
            for (var k = 0; k < batchSize; k++)
            {
                bits[k >> 3] |= (byte)(((batch * batchSize) + k) % 3 == 0 ? 1 << (k & 7) : 0);
            }

            store.CompleteBatch(runId, batch, bits);
        }

        store.Complete(runId);
    }
}
