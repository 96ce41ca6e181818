using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samenreken.Storage;
using Samenreken.Web.Runs;

namespace Samenreken.Web.Tests;

/// <summary>
/// The web pages in Debian's Chromium against the two real nodes: the pilot team's run from the page, the roles'
/// access, the public pages, and the form and sign-in protections. Every page visited is checked with axe-core.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebNodes nodes)
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The evaluation page's smallest published count.</summary>
    private const int EvaluationMinimum = 10;

    [Fact]
    public async Task PilotTeam_StartsARunOnThePage_WatchesItFinish_AndOpensTheSelection()
    {
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");
        Assert.EndsWith("/runs", page.Url, StringComparison.Ordinal);

        // The session cookie is Secure and HttpOnly; every page carries the Content-Security-Policy.
        var session = (await context.CookiesAsync()).Single(c => c.Name == "__Host-samenreken");
        Assert.True(session.Secure && session.HttpOnly);
        var response = await page.ReloadAsync();
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);

        var console = nodes.Svb.Services.GetRequiredService<ISvbRunConsole>();
        var before = console.Runs().Select(r => r.RunId).ToHashSet();
        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe run starten" }).ClickAsync();
        // Live through server-sent events, and reloaded once the run completed: the run is listed as completed.
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("Voltooid", new() { Timeout = (float)s_runTimeout.TotalMilliseconds });
        // One row per phase the run reported: incomes, comparison, reveal and the fairness monitor's looks.
        await Assertions.Expect(page.Locator("#live-phases tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#live-phases tbody")).ToContainTextAsync("Geheime vergelijking");
        await Assertions.Expect(page.Locator("#live-phases tbody")).ToContainTextAsync("Toets gelijke behandeling");
        await Pages.ScreenshotAsync(page, "svb-runs");
        await Pages.AssertAccessibleAsync(page);

        var runId = console.Runs().Single(r => r.Completed && !before.Contains(r.RunId)).RunId;
        await page.ClickAsync($"a[href='/runs/{runId}']");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Selectie in cijfers" })).ToBeVisibleAsync();
        var selected = int.Parse((await page.Locator("#selected").TextContentAsync())!.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(selected > 0);
        await Pages.ScreenshotAsync(page, "svb-summary");
        await Pages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Geselecteerde huishoudens (persoonsgegevens)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#selection tbody tr")).ToHaveCountAsync(selected);
        Assert.Matches(new Regex("\\d{9}"), await page.Locator("#selection tbody").TextContentAsync());
        await Pages.AssertAccessibleAsync(page);

        // The view of personal data is in the node's record: who, which page, which run; no BSN.
        var view = Assert.Single(WebAccountStore.Open(nodes.SvbDatabase).Views(), v => v.Subject == runId);
        Assert.Equal(("pilot", "pilot-team", "selection"), (view.UserName, view.Role, view.Page));

        // UWV's operator sees the run SVB announced and what UWV served for it.
        await using var uwv = await nodes.NewContextAsync(nodes.UwvUrl);
        var operatorPage = await uwv.NewPageAsync();
        await Pages.SignInAsync(operatorPage, "operator");
        Assert.EndsWith("/uwv", operatorPage.Url, StringComparison.Ordinal);
        var row = operatorPage.Locator("#uwv-runs tbody tr", new() { HasText = runId });
        await Assertions.Expect(row).ToContainTextAsync("Voltooid");
        await Assertions.Expect(operatorPage.Locator("#uwv-audit")).ToContainTextAsync("Het logboek van uwv is in orde");
        await Pages.ScreenshotAsync(operatorPage, "uwv-operator");
        await Pages.AssertAccessibleAsync(operatorPage);
    }

    [Fact]
    public async Task Reviewer_Gets403OnTheSelection_AndSeesNoPersonalDataOnThePagesItMayOpen()
    {
        var runId = await nodes.CompletedRunAsync();
        var bsns = nodes.Svb.Services.GetRequiredService<ISvbRunConsole>().Selection(runId)!.SelectMany(h => h.Bsns).ToList();
        Assert.NotEmpty(bsns);
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "reviewer");

        var denied = await page.GotoAsync($"/runs/{runId}/selectie");
        Assert.Equal(403, denied!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync();
        Assert.Equal(403, (await page.GotoAsync("/runs/start"))!.Status);
        Assert.Equal(403, (await page.GotoAsync($"/runs/{runId}/brieven"))!.Status);

        foreach (var path in new[] { "/runs", $"/runs/{runId}", $"/runs/{runId}/gelijke-behandeling", $"/runs/{runId}/evaluatie" })
        {
            var opened = await page.GotoAsync(path);
            Assert.Equal(200, opened!.Status);
            var html = await page.ContentAsync();
            Assert.DoesNotContain(bsns, html.Contains);
            Assert.DoesNotContain("/selectie", html, StringComparison.Ordinal);
            Assert.DoesNotContain("start-run", html, StringComparison.Ordinal);
            await Pages.AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task PilotTeam_MakesTheLetters_OpensOnePdf_RegistersResponses_AndSeesTheEvaluationChange()
    {
        var runId = await nodes.CompletedRunAsync();
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");
        await page.GotoAsync($"/runs/{runId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Brieven en reacties (persoonsgegevens)" }).ClickAsync();
        if (await page.Locator("#make-letters").CountAsync() > 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Brieven maken" }).ClickAsync();
        }

        var rows = page.Locator("#letters tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var references = (await page.Locator("#letters tbody code").AllTextContentsAsync()).ToList();
        Assert.True(references.Count >= 3, $"{references.Count} letters: the test needs at least 3");
        await Pages.ScreenshotAsync(page, "svb-letters");
        await Pages.AssertAccessibleAsync(page);

        // One letter as PDF, and the view of the list and of the letter are in the node's record.
        var pdf = await context.APIRequest.GetAsync($"/runs/{runId}/brieven/pdf?kenmerk={references[0]}");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync())[..4]);
        // The preview: the letter as a page, with the recipient's name and the caveat about assets.
        var name = (await page.Locator("#letters tbody tr").First.Locator("td").Nth(1).TextContentAsync())!;
        var preview = await context.APIRequest.GetAsync($"/runs/{runId}/brieven/preview?kenmerk={references[0]}");
        Assert.Equal(200, preview.Status);
        var letterHtml = await preview.TextAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(name), letterHtml, StringComparison.Ordinal);
        Assert.Contains("vermogen", letterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", preview.Headers["content-security-policy"], StringComparison.Ordinal);
        var views = WebAccountStore.Open(nodes.SvbDatabase).Views().Where(v => v.Subject == runId).Select(v => v.Page).ToList();
        Assert.Contains("letters", views);
        Assert.Contains("letters-pdf", views);
        Assert.Contains("letters-preview", views);
        Assert.Equal(404, (await context.APIRequest.GetAsync($"/runs/{runId}/brieven/pdf?kenmerk=AIO-NOPE0-NOPE0")).Status);

        async Task<string> Stage(string stage)
        {
            await page.GotoAsync($"/runs/{runId}/evaluatie");
            return (await page.Locator($"#stage-{stage}").TextContentAsync())!;
        }

        // The small test run sends fewer letters than the published minimum (10): the count is hidden, the zero of responses is not.
        Assert.Equal(references.Count >= EvaluationMinimum ? references.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "onderdrukt", await Stage("approached"));
        var before = await Stage("responded");
        var desk = nodes.Svb.Services.GetRequiredService<ISvbPilotDesk>();
        async Task<long> Responded() => (await desk.RunAsync(runId, "test", CancellationToken.None))!.Funnel!.Responded;

        // One response through the form: the evaluation changes (one responded is below the published minimum, so it is hidden, not shown as 1).
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync($"/runs/{runId}/brieven");
        await page.GetByLabel("Kenmerk", new() { Exact = true }).FillAsync(references[0]);
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Responded");
        await page.GetByLabel("Datum", new() { Exact = true }).FillAsync(today);
        await page.GetByLabel("Kanaal (bij een reactie)").SelectOptionAsync("telefoon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactie opslaan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        Assert.Equal("0", before);
        Assert.Equal("onderdrukt", await Stage("responded"));
        Assert.Equal(1, await Responded());

        // A CSV import with one bad line stores nothing and names the line; the good file is then stored whole.
        string Csv(IEnumerable<string> lines) => string.Join("\n", ["kenmerk,status,datum,kanaal", .. lines]);
        var good = references.Skip(1).Take(2).Select(r => $"{r},Responded,{today},online").ToList();
        await page.GotoAsync($"/runs/{runId}/brieven");
        await page.Locator("#Csv").FillAsync(Csv([.. good, $"AIO-NOPE0-NOPE0,Responded,{today},online"]));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("line 4");
        await Assertions.Expect(page.Locator("#problems")).Not.ToContainTextAsync("line 2");
        await Pages.ScreenshotAsync(page, "svb-responses-refused");
        await Pages.AssertAccessibleAsync(page);
        Assert.Equal(1, await Responded());

        await page.GotoAsync($"/runs/{runId}/brieven");
        await page.Locator("#Csv").FillAsync(Csv(good));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        Assert.Equal(3, await Responded());
        Assert.Equal("onderdrukt", await Stage("responded"));
        await Pages.ScreenshotAsync(page, "svb-evaluation");
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task PrivacyOfficer_SeesTheRetentionOfTheRunsLetters_DueAtTheTermOfTheDefinition()
    {
        var runId = await nodes.CompletedRunAsync();
        var desk = nodes.Svb.Services.GetRequiredService<ISvbPilotDesk>();
        Assert.Null(await desk.MakeLettersAsync(runId, "test", CancellationToken.None));
        var created = nodes.Svb.Services.GetRequiredService<ISvbRunConsole>().Runs().Single(r => r.RunId == runId).Created;
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "privacy");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bewaartermijnen" }).ClickAsync();

        // The demo project keeps a mailing list 730 days from the run's end (before its horizon of 2029-01-01); nothing is due yet.
        var row = page.Locator($"#retention tr[data-run='{runId}'][data-category='mailing_list']");
        await Assertions.Expect(row.Locator(".due")).ToHaveTextAsync(created.AddDays(730).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(row).ToContainTextAsync("Vernietigen op die datum");
        await Assertions.Expect(page.Locator($"#retention tr[data-run='{runId}'][data-category='responses']")).ToHaveCountAsync(1);
        await Pages.ScreenshotAsync(page, "svb-retention");
        await Pages.AssertAccessibleAsync(page);

        // The reviewer sees no retention page.
        await using var reviewer = await nodes.NewContextAsync(nodes.SvbUrl);
        var reviewerPage = await reviewer.NewPageAsync();
        await Pages.SignInAsync(reviewerPage, "reviewer");
        Assert.Equal(403, (await reviewerPage.GotoAsync("/bewaren"))!.Status);
    }

    [Fact]
    public async Task AuditPage_ShowsTheTrailInOrder_ThenTheBrokenEntryAfterTamperingInTheDatabase()
    {
        await nodes.CompletedRunAsync();
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "privacy");
        await page.GetByRole(AriaRole.Link, new() { Name = "Logboek" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logboek nu controleren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit-result")).ToContainTextAsync("Het logboek van svb is in orde");
        // The cross-signing: the latest checkpoint UWV signed of its own chain and sent at the end of the run, its
        // signature checked with UWV's audit key; and SVB's own latest checkpoint.
        var peer = page.Locator("#checkpoints tr[data-node='uwv'][data-peer='true']");
        await Assertions.Expect(peer).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(peer).ToContainTextAsync("uwv (de andere node)");
        Assert.True(long.Parse((await peer.Locator(".sequence").TextContentAsync())!.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 0);
        await Assertions.Expect(page.Locator("#checkpoints tr[data-node='svb'][data-peer='false']")).ToHaveAttributeAsync("data-valid", "true");
        await Pages.ScreenshotAsync(page, "svb-audit");
        await Pages.AssertAccessibleAsync(page);

        // Someone with access to the database edits one entry: the same button now names the entry where the chain breaks.
        var original = Entry(nodes.SvbDatabase, 1);
        var edited = System.Text.Json.Nodes.JsonNode.Parse(original)!;
        edited["actor"] = "someone-else";
        try
        {
            SetEntry(nodes.SvbDatabase, 1, edited.ToJsonString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Logboek nu controleren" }).ClickAsync();
            await Assertions.Expect(page.Locator("#audit-result")).ToContainTextAsync("niet in orde: de keten is gebroken bij regel 1");
            await Assertions.Expect(page.Locator("#checkpoints tr[data-node='uwv']")).ToHaveCountAsync(1);
            await Pages.ScreenshotAsync(page, "svb-audit-broken");
            await Pages.AssertAccessibleAsync(page);
        }
        finally
        {
            SetEntry(nodes.SvbDatabase, 1, original);
        }

        // A checkpoint of UWV's chain altered in SVB's database no longer carries UWV's signature: the row says so.
        var head = PeerCheckpointHead(nodes.SvbDatabase);
        try
        {
            SetPeerCheckpointHead(nodes.SvbDatabase, [.. head.Select(b => (byte)~b)]);
            await page.GotoAsync("/audit");
            await Assertions.Expect(peer).ToHaveAttributeAsync("data-valid", "false");
            await Assertions.Expect(peer).ToContainTextAsync("ONGELDIG");
        }
        finally
        {
            SetPeerCheckpointHead(nodes.SvbDatabase, head);
        }

        await page.GotoAsync("/audit");
        await Assertions.Expect(peer).ToHaveAttributeAsync("data-valid", "true");

        // UWV's operator checks UWV's own trail on UWV's pages; the reviewer has no audit page.
        await using var uwv = await nodes.NewContextAsync(nodes.UwvUrl);
        var operatorPage = await uwv.NewPageAsync();
        await Pages.SignInAsync(operatorPage, "operator");
        await operatorPage.GotoAsync("/audit");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Logboek nu controleren" }).ClickAsync();
        await Assertions.Expect(operatorPage.Locator("#audit-result")).ToContainTextAsync("Het logboek van uwv is in orde");

        await using var reviewer = await nodes.NewContextAsync(nodes.SvbUrl);
        var reviewerPage = await reviewer.NewPageAsync();
        await Pages.SignInAsync(reviewerPage, "reviewer");
        Assert.Equal(403, (await reviewerPage.GotoAsync("/audit"))!.Status);
    }

    /// <summary>The head hash of the latest checkpoint of UWV's chain that SVB holds.</summary>
    private static byte[] PeerCheckpointHead(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT head_hash FROM svb_audit_checkpoints WHERE node_id = 'uwv' ORDER BY sequence DESC, time_ms DESC LIMIT 1";
        return (byte[])command.ExecuteScalar()!;
    }

    private static void SetPeerCheckpointHead(string database, byte[] head)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE svb_audit_checkpoints SET head_hash = $h WHERE node_id = 'uwv' AND sequence = (SELECT MAX(sequence) FROM svb_audit_checkpoints WHERE node_id = 'uwv')";
        command.Parameters.AddWithValue("$h", head);
        Assert.True(command.ExecuteNonQuery() >= 1);
    }

    private static string Entry(string database, long sequence)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry FROM svb_audit_entries WHERE sequence = $s";
        command.Parameters.AddWithValue("$s", sequence);
        return (string)command.ExecuteScalar()!;
    }

    private static void SetEntry(string database, long sequence, string entry)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE svb_audit_entries SET entry = $e WHERE sequence = $s";
        command.Parameters.AddWithValue("$e", entry);
        command.Parameters.AddWithValue("$s", sequence);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact]
    public async Task Reviewer_OpensTheFairnessReportOfARun_VerdictFindingsAlertsAndTheChartsPage()
    {
        var runId = await nodes.CompletedRunAsync();
        var view = nodes.Svb.Services.GetRequiredService<ISvbRunConsole>().Fairness(runId)!;
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "reviewer");
        await page.GotoAsync($"/runs/{runId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gelijke behandeling: toets en rapport" }).ClickAsync();

        // The verdict the monitor gives for this run's selection (the same sentence fairness report prints), and the alerts of the run.
        await Assertions.Expect(page.Locator("#verdict")).ToHaveTextAsync(view.Verdict);
        Assert.False(string.IsNullOrWhiteSpace(view.Verdict));
        await Assertions.Expect(page.Locator("#alerts")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#alerts li")).ToHaveCountAsync(view.AlertsInRun.Count);
        await Pages.ScreenshotAsync(page, "svb-fairness");
        await Pages.AssertAccessibleAsync(page);

        // The full report with its charts (inline SVG) under its own policy: styles inline, no script at all.
        var report = await page.GotoAsync($"/runs/{runId}/gelijke-behandeling/report");
        Assert.Equal(200, report!.Status);
        Assert.Equal(Pages.FairnessReportPolicy, (await report.AllHeadersAsync())["content-security-policy"]);
        Assert.Contains("<svg", await page.ContentAsync(), StringComparison.Ordinal);
        await Pages.ScreenshotAsync(page, "svb-fairness-report");

        // Without a sign-in the report is not served.
        await using var anonymous = await nodes.NewContextAsync(nodes.SvbUrl);
        var outsider = await anonymous.NewPageAsync();
        await outsider.GotoAsync($"/runs/{runId}/gelijke-behandeling/report");
        Assert.Contains("/inloggen?ReturnUrl=", outsider.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSignIn_PagesRedirectToTheSignIn_AndThePublicPagesOpen()
    {
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/runs", "/runs/start", "/uwv", "/audit" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/inloggen?ReturnUrl=", page.Url, StringComparison.Ordinal);
        }

        await Pages.ScreenshotAsync(page, "sign-in");
        await Pages.AssertAccessibleAsync(page);

        Assert.Equal(200, (await page.GotoAsync("/openbaar"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welke gegevens gebruiken wij?" })).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "transparency");
        await Pages.AssertAccessibleAsync(page);

        Assert.Equal(200, (await page.GotoAsync("/openbaar/algoritmeregister"))!.Status);
        await Assertions.Expect(page.Locator("dl.register")).ToContainTextAsync("definition_hash");
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndWrongPasswordsAreRateLimited()
    {
        await using var context = await nodes.NewContextAsync(nodes.SvbUrl);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "pilot");
        var signedIn = context.APIRequest;
        var start = await signedIn.PostAsync("/runs/start", new() { Form = context.APIRequest.CreateFormData().Set("x", "1"), MaxRedirects = 0 });
        Assert.Equal(400, start.Status);
        Assert.Equal(0, nodes.Svb.Services.GetRequiredService<ISvbRunConsole>().Runs().Count(r => !r.Completed));

        // Five wrong passwords for one account are answered; the sixth attempt, even with the right password, is refused.
        await using var guesser = await nodes.NewContextAsync(nodes.SvbUrl);
        var form = await guesser.NewPageAsync();
        await form.GotoAsync("/inloggen");
        var token = Pages.Token(await form.ContentAsync());
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await guesser.APIRequest.PostAsync("/inloggen", new() { Form = Form(guesser, token, "auditor", "wrong password " + attempt) });
            Assert.Equal(200, wrong.Status);
            Assert.Contains("klopt niet", await wrong.TextAsync(), StringComparison.Ordinal);
        }

        var limited = await guesser.APIRequest.PostAsync("/inloggen", new() { Form = Form(guesser, token, "auditor", WebNodes.Password) });
        Assert.Equal(429, limited.Status);

        // Without the token the sign-in form itself is refused.
        var tokenless = await guesser.APIRequest.PostAsync("/inloggen", new() { Form = guesser.APIRequest.CreateFormData().Set("UserName", "pilot").Set("Password", WebNodes.Password) });
        Assert.Equal(400, tokenless.Status);
    }

    private static IFormData Form(IBrowserContext context, string token, string user, string password)
        => context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("UserName", user).Set("Password", password);
}
