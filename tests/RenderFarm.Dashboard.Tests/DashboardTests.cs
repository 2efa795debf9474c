using Bunit;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dashboard.Data;
using RenderFarm.Dashboard.Pages;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Tests;

/// <summary>
/// The dashboard's pages rendered with bUnit against a farm the test controls: what each shows, the
/// search and filters, live updates without a reload, and a farm that stops answering.
/// </summary>
public sealed class DashboardTests : IAsyncDisposable
{
    private readonly TestDashboard _dashboard = new();
    private readonly BunitContext _context;
    private readonly FakeFarm _farm;

    public DashboardTests()
    {
        _context = _dashboard.Context;
        _farm = _dashboard.Farm;
        _farm.Catalogs =
        [
            FakeFarm.Catalog("cat-a", "Back catalogue 1998",
                FakeFarm.Title("cat-a", 1, "albums/1998/01-intro.wav", JobStatus.Succeeded, TitleStage.Done, 1) with
                {
                    Loudness = new TitleLoudness { OutputLufs = -14.02, OutputTruePeakDbtp = -1.07, TargetMet = false, QcFindings = 3, QcErrors = 1 },
                },
                FakeFarm.Title("cat-a", 2, "albums/1998/02-song.wav", JobStatus.Running, TitleStage.Deliverables, 0.5),
                FakeFarm.Title("cat-a", 3, "sessions/03.json", JobStatus.Failed, TitleStage.Tracks, 0.2, "tracks: track-1 failed: song.json: $.tracks[1].source: 'gone.wav' does not exist"),
                FakeFarm.Title("cat-a", 4, "albums/1998/04-outro.wav", JobStatus.Queued, TitleStage.Master, 0)),
            FakeFarm.Catalog("cat-b", "Single",
                FakeFarm.Title("cat-b", 1, "single.wav", JobStatus.Succeeded, TitleStage.Done, 1)),
        ];
    }

    [Fact]
    public void Catalogues_EachWithItsLinkStatusProgressAndCounts()
    {
        var page = _context.Render<Catalogues>();
        var rows = page.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        Assert.Equal("catalogues/cat-a", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Back catalogue 1998", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("status: Running", first.InnerHtml, StringComparison.Ordinal);
        // (1 + 0.5 + 1 + 0) / 4: a failed title counts as ended.
        Assert.Equal("62", first.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        var cells = first.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        // 62.5 % in the 30 minutes since it was created: 18 minutes left at that pace.
        Assert.Equal(["4", "1", "1", "1", "about 18 min", "50"], cells[3..9]);
        Assert.Contains("status: Succeeded", rows[1].InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogues_SearchKeepsTheMatchingOnes()
    {
        var page = _context.Render<Catalogues>();
        page.Find("input").Input("single");
        await page.WaitForAssertionAsync(() => Assert.Equal("Single", Assert.Single(page.FindAll("tbody tr")).QuerySelector("a")!.TextContent));
        page.Find("input").Input("nothing like it");
        await page.WaitForAssertionAsync(() => Assert.Contains("No catalogue matches the search.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Catalogues_ShowAChangeWithoutAReload()
    {
        var page = _context.Render<Catalogues>();
        Assert.Contains("status: Running", page.FindAll("tbody tr")[0].InnerHtml, StringComparison.Ordinal);
        _farm.Catalogs = [_farm.Catalogs[0] with { Status = JobStatus.Cancelled }, _farm.Catalogs[1]];
        _dashboard.Refresh();
        await page.WaitForAssertionAsync(() => Assert.Contains("status: Cancelled", page.FindAll("tbody tr")[0].InnerHtml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Catalogue_TitlesWithStageProgressAndTheReasonOfAFailure_FilteredByStatus()
    {
        var page = _context.Render<Catalogue>(p => p.Add(c => c.Id, "cat-a"));
        Assert.Equal("Back catalogue 1998", page.Find("h1").TextContent);
        var rows = page.FindAll("tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Contains("deliverables", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("50", rows[1].QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Contains("'gone.wav' does not exist", rows[2].TextContent, StringComparison.Ordinal);
        var first = rows[0].TextContent;
        Assert.Contains("-14.0 LUFS", first, StringComparison.Ordinal);
        Assert.Contains("-1.1 dBTP", first, StringComparison.Ordinal);
        Assert.Contains("missed", first, StringComparison.Ordinal);
        Assert.Contains("3 (1 error)", first, StringComparison.Ordinal);
        Assert.Contains("Failed: 1", page.Markup.Replace("<b>", string.Empty, StringComparison.Ordinal).Replace("</b>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        page.Find("input").Input("outro");
        await page.WaitForAssertionAsync(() => Assert.Contains("04-outro.wav", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Title_LoudnessReportDeliverablesQcAndAttempts()
    {
        // The report as the farm merges it: the master's, with each deliverable task's entry and QC.
        const string Report = """
            {
              "input": { "integrated_lufs": -19.84, "loudness_range_lu": 6.1, "max_momentary_lufs": -12.3, "max_short_term_lufs": -15.2, "true_peak_dbtp": -3.02, "plr_db": 16.82, "duration_s": 60 },
              "output": { "integrated_lufs": -14.0, "loudness_range_lu": 5.4, "max_momentary_lufs": -7.9, "max_short_term_lufs": -10.1, "true_peak_dbtp": -1.09, "plr_db": 12.91, "duration_s": 60 },
              "target": { "name": "spotify", "integrated_lufs": -14.0, "ceiling_dbtp": -1.0, "met": true, "note": null },
              "gain_db": 6.2,
              "qc": [ { "stage": "input", "kind": "dc_offset", "start_s": 0, "end_s": 60, "severity": "warning", "channel": 2, "detail": "DC offset of 0.3 %" },
                      { "stage": "mp3", "kind": "clipping", "start_s": 75.25, "severity": "error", "detail": "3 clipped samples" } ],
              "deliverables": [
                { "label": "master", "format": "wav", "path": "renders/cat-a/0002-song/master/song.master.wav", "sha256": "ab12", "bytes": 17280044, "sample_rate": 48000, "bit_depth": 24, "integrated_lufs": -14.0, "true_peak_dbtp": -1.09, "qc": [] },
                { "label": "mp3", "format": "mp3", "path": "renders/cat-a/0002-song/master/song.mp3", "sha256": "cd34", "bytes": 2400000, "sample_rate": 44100, "bitrate_kbps": 320, "integrated_lufs": -13.99, "true_peak_dbtp": -1.2, "qc": [] }
              ]
            }
            """;
        var title = _farm.Catalogs[0].Titles[1] with { ReportFile = "renders/cat-a/0002-song/master/report.json", Tasks = ["cat-a/0002/master", "cat-a/0002/deliver-0"] };
        _farm.ReportFiles["renders/cat-a/0002-song/master/report.json"] = Report;
        _farm.TitleViews["cat-a/0002"] = new TitleView(title,
        [
            Task("cat-a/0002/master", TaskKind.Master, JobStatus.Succeeded, "silo-1", new AttemptRecord { Attempt = 1, DispatchedAt = DateTimeOffset.UnixEpoch, Worker = "silo-2", Outcome = "timed out: no heartbeat from silo-2 for 120 s" }, new AttemptRecord { Attempt = 2, DispatchedAt = DateTimeOffset.UnixEpoch, Worker = "silo-1", Outcome = "succeeded", Log = "10:00:00.000 attempt 2 taken from the queue by silo-1\n10:00:04.250 finished in 4.25 s (0 heartbeats): song.master.wav" }),
            Task("cat-a/0002/deliver-0", TaskKind.Deliverable, JobStatus.Running, "silo-3", new AttemptRecord { Attempt = 1, DispatchedAt = DateTimeOffset.UnixEpoch, Worker = "silo-3" }),
        ]);

        var page = _context.Render<Title>(p => p.Add(t => t.CatalogId, "cat-a").Add(t => t.Number, "0002"));
        Assert.Equal("02-song", page.Find("h1").TextContent);
        var loudness = page.Find("table").TextContent;
        Assert.Contains("-19.84 LUFS", loudness, StringComparison.Ordinal);
        Assert.Contains("-14.0 LUFS", loudness, StringComparison.Ordinal);
        Assert.Contains("-1.09 dBTP", loudness, StringComparison.Ordinal);
        Assert.Contains("12.91 dB", loudness, StringComparison.Ordinal);
        Assert.Contains("target met", page.Markup, StringComparison.Ordinal);

        var download = page.FindAll("a[download]");
        Assert.Equal(["api/files/renders/cat-a/0002-song/master/song.master.wav", "api/files/renders/cat-a/0002-song/master/song.mp3"], download.Select(a => a.GetAttribute("href")));
        Assert.Contains("ab12", page.Markup, StringComparison.Ordinal);
        Assert.Contains("16.5 MB", page.Markup, StringComparison.Ordinal);
        Assert.Contains("44.1 kHz, 320 kb/s", page.Markup, StringComparison.Ordinal);

        Assert.Contains("1:15.250", page.Markup, StringComparison.Ordinal); // the MP3's clipping, at 75.25 s
        Assert.Contains("DC offset of 0.3 %", page.Markup, StringComparison.Ordinal);
        Assert.Contains("<b>#1</b> silo-2 · timed out: no heartbeat from silo-2 for 120 s", page.Markup, StringComparison.Ordinal);
        Assert.Contains("deliver-0", page.Markup, StringComparison.Ordinal);
        var log = Assert.Single(page.FindAll("details"));
        Assert.Equal("worker's log of attempt 2", log.QuerySelector("summary")!.TextContent);
        Assert.Contains("finished in 4.25 s (0 heartbeats): song.master.wav", log.QuerySelector("pre")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_Unknown_SaysSo()
    {
        var page = _context.Render<Title>(p => p.Add(t => t.CatalogId, "cat-a").Add(t => t.Number, "0099"));
        Assert.Equal("No title 0099 in cat-a", page.Find("h1").TextContent);
    }

    [Fact]
    public void Catalogue_Unknown_SaysSo()
    {
        var page = _context.Render<Catalogue>(p => p.Add(c => c.Id, "cat-zzz"));
        Assert.Equal("No catalogue cat-zzz", page.Find("h1").TextContent);
    }

    [Fact]
    public async Task Catalogue_OfThousandsOfTitles_ShowsAPageAtATime_AndTheSearchReachesThemAll()
    {
        var titles = Enumerable.Range(1, 3000).Select(n => FakeFarm.Title("big", n, $"tree/Artist {n / 100}/{n:0000} song.flac", n % 7 == 0 ? JobStatus.Failed : JobStatus.Succeeded, TitleStage.Done, 1)).ToArray();
        await using var dashboard = new TestDashboard();
        dashboard.Farm.Catalogs = [FakeFarm.Catalog("big", "Back catalogue, 3000 titles", titles)];
        var page = dashboard.Context.Render<Catalogue>(p => p.Add(c => c.Id, "big"));

        Assert.Equal(50, page.FindAll("tbody tr").Count);
        Assert.Contains("1-50 of 3,000", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Failed: <b>428</b>", page.Markup, StringComparison.Ordinal);

        // The search and the status filter look through every title, not the page shown.
        page.Find("input").Input("2999 song");
        await page.WaitForAssertionAsync(() => Assert.Contains("tree/Artist 29/2999 song.flac", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
        page.Find("input").Input("Artist 29/");
        await page.WaitForAssertionAsync(() => Assert.Contains("1-50 of 100", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FarmStopsAnswering_TheLastStateStaysWithAWarning()
    {
        var page = _context.Render<Catalogues>();
        _farm.Unreachable = true;
        _dashboard.Refresh();
        await page.WaitForAssertionAsync(() => Assert.Contains("The farm did not answer (silo-1 did not answer)", page.Markup, StringComparison.Ordinal));
        Assert.Equal(2, page.FindAll("tbody tr").Count);
        _farm.Unreachable = false;
        _dashboard.Refresh();
        await page.WaitForAssertionAsync(() => Assert.DoesNotContain("did not answer", page.Markup, StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => _dashboard.DisposeAsync();

    private static RenderTaskSnapshot Task(string id, TaskKind kind, JobStatus status, string worker, params AttemptRecord[] attempts) => new()
    {
        TaskId = id,
        Spec = kind switch
        {
            TaskKind.Master => new MasterTaskSpec { TitleId = id[..id.LastIndexOf('/')], MixPath = "song.wav", Profile = "spotify", OutputDirectory = "out", Origination = DateTimeOffset.UnixEpoch },
            _ => new DeliverableTaskSpec { TitleId = id[..id.LastIndexOf('/')], MasterDirectory = "m", Profile = "spotify", DeliverableIndex = 0, OutputDirectory = "out" },
        },
        Status = status,
        Attempt = attempts.Length,
        Worker = worker,
        Attempts = attempts,
    };
}
