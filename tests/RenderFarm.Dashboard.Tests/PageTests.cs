using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dashboard.Components;
using RenderFarm.Dashboard.Data;
using RenderFarm.Dashboard.Pages;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Tests;

/// <summary>
/// The title page's charts, waveforms and QC markers; the farm, submit and profile pages; a catalogue's
/// summary figures (time left, loudness distribution).
/// </summary>
public sealed class PageTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDashboard _dashboard = new();

    [Fact]
    public async Task Title_LoudnessChartWaveformsSpectrumPreviewAndChain_QcTimeMovesTheMarker()
    {
        const string Report = """
            {
              "input": { "integrated_lufs": -20.0, "duration_s": 100 }, "output": { "integrated_lufs": -14.0, "duration_s": 100 },
              "target": { "name": "spotify", "integrated_lufs": -14.0, "ceiling_dbtp": -1.0, "met": true },
              "gain_db": 6.0,
              "qc": [ { "stage": "mp3", "kind": "clipping", "start_s": 75.25, "severity": "error", "detail": "3 clipped samples" } ],
              "deliverables": [],
              "preview": [ { "platform": "apple-music", "reference_lufs": -16.0, "playback_gain_db": -2.0, "playback_lufs": -16.0, "playback_true_peak_dbtp": -3.0, "note": "turned down by 2.0 dB" } ],
              "chain": [ { "stage": "eq", "settings": "high-pass 20 Hz, Q 0.71", "result": null },
                         { "stage": "true-peak limiter", "settings": "ceiling -1.0 dBTP", "result": "most gain reduction 2.5 dB" } ]
            }
            """;
        var title = FakeFarm.Title("cat-a", 1, "song.wav", JobStatus.Succeeded, TitleStage.Done, 1) with
        {
            ReportFile = "renders/cat-a/0001-song/master/report.json",
            OverviewFile = "renders/cat-a/0001-song/master/overview.json",
            Outputs = [new TaskOutput("renders/cat-a/0001-song/master/overview.json", "ee")],
        };
        _dashboard.Farm.ReportFiles["renders/cat-a/0001-song/master/report.json"] = Report;
        _dashboard.Farm.Catalogs = [FakeFarm.Catalog("cat-a", "A", title)];
        _dashboard.Farm.TitleViews["cat-a/0001"] = new TitleView(title, []);
        _dashboard.Farm.Overviews["renders/cat-a/0001-song/master/overview.json"] = Overview(seconds: 100);

        var page = _dashboard.Context.Render<Title>(p => p.Add(t => t.CatalogId, "cat-a").Add(t => t.Number, "0001"));

        // Loudness over time and the spectrum are MudBlazor charts with every series in their legends.
        Assert.NotNull(page.Find("figure[aria-label^='Loudness over time'] .mud-chart"));
        Assert.NotNull(page.Find("figure[aria-label^='Long-term spectrum'] .mud-chart"));
        var charts = page.FindComponents<MudBlazor.MudChart<double>>();
        Assert.Equal(
            [["master short-term (3 s)", "master momentary (400 ms)", "input short-term (3 s)", "target -14.0 LUFS"], ["master", "input"]],
            charts.Select(c => c.Instance.ChartSeries.Select(s => s.Name).ToArray()));
        Assert.All(charts[0].Instance.ChartSeries, s => Assert.Equal(1000, s.Data.Count));

        Assert.Contains("loudest short-term -12.0 LUFS before, -8.0 LUFS after; target -14.0 LUFS", page.Markup, StringComparison.Ordinal);

        // Both waveforms drawn; the master's with its ceiling and its QC finding as a tick.
        var waveforms = page.FindAll("svg[role=img]");
        Assert.Equal(2, waveforms.Count);
        Assert.StartsWith("Waveform of the input: 1:40 long, sample peak -6.0 dBFS, 0 QC findings", waveforms[0].GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.StartsWith("Waveform of the master: 1:40 long, sample peak -1.0 dBFS, 1 QC finding marked", waveforms[1].GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(4, waveforms[1].QuerySelectorAll("line").Length); // centre, two ceiling lines, the finding
        Assert.Empty(page.FindAll("line[data-marker]"));

        // The finding's time moves a marker to it on both waveforms.
        await ClickSteady(page, "button[aria-label='show clipping at 1:15.250 on the waveform']");
        // (the click's re-render may land after a refresh of the page's timer under load: wait for it)
        await page.WaitForAssertionAsync(() => Assert.Equal(["75.25", "75.25"], page.FindAll("line[data-marker]").Select(l => l.GetAttribute("data-marker"))));
        Assert.Equal("752.5", page.FindAll("line[data-marker]")[1].GetAttribute("x1"));
        Assert.Contains("Marker at 1:15.250: clipping (mp3)", page.Markup, StringComparison.Ordinal);

        Assert.Contains("turned down by 2.0 dB", page.Markup, StringComparison.Ordinal);
        Assert.Contains("-2.0 dB", page.Markup, StringComparison.Ordinal);
        Assert.Contains("most gain reduction 2.5 dB", page.Markup, StringComparison.Ordinal);
        Assert.Contains("high-pass 20 Hz, Q 0.71", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_AnAlbum_ShowsEachSongAgainstTheAlbum_WhatStandsOut_TheDiscAndItsFiles()
    {
        // The shape AlbumJson writes (album-report.json): headline figures, then the whole album report.
        const string Report = """
            {
              "input": { "integrated_lufs": -21.87 }, "output": { "integrated_lufs": -13.98, "true_peak_dbtp": -1.1 },
              "target": { "integrated_lufs": -14.0, "ceiling_dbtp": -1.0, "mode": "album", "met": true },
              "qc": [ { "stage": "album", "kind": "album_outlier", "severity": "warning", "detail": "track 2 (Down the River): dynamics" } ],
              "album": {
                "mode": "album", "target_lufs": -14.0, "ceiling_dbtp": -1.0, "album_offset_db": 7.87, "input_album_lufs": -21.87, "album_lufs": -13.98,
                "album_mode_album_lufs": -13.98, "track_mode_album_lufs": -14.0, "album_true_peak_dbtp": -1.1, "spread_lu": 6.5, "rounds": 1,
                "reference": { "path": "refs/bright.wav", "amount_percent": 70, "reference_lufs": -12.5, "curve_hz": [100], "curve_db": [1], "filters": [ { "kind": "peaking" }, { "kind": "peaking" } ],
                               "distance_before_db": 5.31, "distance_after_db": 1.94 },
                "songs": [
                  { "track": 0, "title": "Before the Dawn", "input_path": "a/h.wav", "input_lufs": -20.8, "track_mode_lufs": -14, "album_mode_lufs": -12.94, "output_lufs": -12.94,
                    "true_peak_dbtp": -1.1, "loudness_range_lu": 5, "plr_db": 11.8, "versus_album_lu": 1.04, "tone_versus_album_db": [0.2, 0.1, -0.4], "outliers": [], "target_met": true },
                  { "track": 1, "title": "Morning", "input_path": "a/1.wav", "input_lufs": -19.9, "track_mode_lufs": -14, "album_mode_lufs": -12.04, "output_lufs": -12.04,
                    "true_peak_dbtp": -1.1, "loudness_range_lu": 6, "plr_db": 10.9, "versus_album_lu": 1.94, "tone_versus_album_db": [1.0, 0.0, -1.0], "outliers": [],
                    "gain": { "track_gain_db": -5.96, "track_peak": 0.88, "album_gain_db": -4.02, "album_peak": 0.88 }, "target_met": true },
                  { "track": 2, "title": "Down the River", "input_path": "a/2.wav", "input_lufs": -26.4, "track_mode_lufs": -14, "album_mode_lufs": -18.56, "output_lufs": -18.56,
                    "true_peak_dbtp": -1.1, "loudness_range_lu": 9, "plr_db": 17.5, "versus_album_lu": -4.58, "tone_versus_album_db": [0.5, -0.5, 7.4],
                    "outliers": [ "dynamics: peak-to-loudness ratio 17.5 dB against the album's median 12.1 dB (less compressed)", "tonal balance: top end 7.4 dB above the album's median" ],
                    "gain": { "track_gain_db": 0.56, "track_peak": 0.88, "album_gain_db": -4.02, "album_peak": 0.88 }, "target_met": true }
                ],
                "disc": {
                  "layout": { "upc": "5012345678900", "title": "Planet Blupi", "performer": "Blupi", "tracks": [
                    { "frames": 11250, "pregap_frames": 2025, "isrc": "GBRFD2600001", "title": "Morning", "performer": "Blupi" },
                    { "frames": 9000, "pregap_frames": 0, "title": "Down the River", "performer": "Blupi" } ] },
                  "image_wav": "renders/c/0001-album/album/cd/Planet_Blupi.wav", "cue_sheet": "renders/c/0001-album/album/cd/Planet_Blupi.cue", "ddp_folder": "renders/c/0001-album/album/ddp",
                  "image_sha256": "ab", "duration_seconds": 297, "integrated_lufs": -13.96, "true_peak_dbtp": -1.1, "clipped_samples": 0,
                  "limiter_max_gain_reduction_db": -0.1, "limited_seconds": 0.011
                },
                "tracks": [ { "label": "flac", "format": "flac", "path": "renders/c/0001-album/album/tracks/01-Morning.flac", "sample_rate": 48000, "bit_depth": 24, "bytes": 2048,
                              "sha256": "f1", "loudness": { "integrated_lufs": -12.04, "true_peak_dbtp": -1.1 }, "qc": [] } ]
              }
            }
            """;
        _dashboard.Farm.ReportFiles["renders/c/0001-album/album/album-report.json"] = Report;
        var title = FakeFarm.Title("c", 1, "albums/blupi.album.json", JobStatus.Succeeded, TitleStage.Done, 1) with
        {
            ReportFile = "renders/c/0001-album/album/album-report.json",
            Outputs =
            [
                new TaskOutput("renders/c/0001-album/album/tracks/01-Morning.flac", "f1"),
                new TaskOutput("renders/c/0001-album/album/cd/Planet_Blupi.wav", "c1"),
                new TaskOutput("renders/c/0001-album/album/cd/Planet_Blupi.cue", "c2"),
                new TaskOutput("renders/c/0001-album/album/ddp/IMAGE.DAT", "d1"),
                new TaskOutput("renders/c/0001-album/album/album-report.json", "r1"),
            ],
        };
        _dashboard.Farm.Catalogs = [FakeFarm.Catalog("c", "C", title)];
        _dashboard.Farm.TitleViews["c/0001"] = new TitleView(title, []);

        var page = _dashboard.Context.Render<Title>(p => p.Add(t => t.CatalogId, "c").Add(t => t.Number, "0001"));
        var text = Squeezed(string.Concat(page.Nodes.Select(n => n.TextContent)));

        Assert.Contains("Album mode: the album at -13.98 LUFS for a -14.0 LUFS target (-21.87 LUFS as mixed, every song moved +7.87 dB)", text, StringComparison.Ordinal);
        Assert.Contains("Album mode puts the album at -13.98 LUFS (the songs as far apart as mixed), track mode at -14.0 LUFS", text, StringComparison.Ordinal);
        Assert.Equal("1 of 3 songs stand out from the album.", page.Find("[role=status]").TextContent.Trim());
        Assert.Contains("Mastered towards bright.wav at 70 % (-12.5 LUFS): one correction of 2 filters for every song; the album's tonal distance to it 5.31 dB as mixed, 1.94 dB mastered.", text, StringComparison.Ordinal);

        // One row a song, the hidden one first; the song that stands out says why, in words.
        var rows = page.Find("section[aria-label='Each song against the album']").QuerySelectorAll("tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Equal(["hidden", "1", "2"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var river = rows[2].TextContent;
        Assert.Contains("-4.58 LU", river, StringComparison.Ordinal);
        Assert.Contains("+0.5 / -0.5 / +7.4 dB", river, StringComparison.Ordinal);
        Assert.Contains("+0.56 / -4.02 dB", river, StringComparison.Ordinal);
        Assert.Equal(2, rows[2].QuerySelectorAll(".mud-chip").Length);
        Assert.Contains("top end 7.4 dB above the album's median", river, StringComparison.Ordinal);
        Assert.Empty(rows[1].QuerySelectorAll(".mud-chip"));

        // The disc: its length in MM:SS:FF, catalogue number, what the programme's limiter did, its tracks, its files.
        Assert.Contains("2 tracks, 04:57:00, UPC/EAN 5012345678900", text, StringComparison.Ordinal);
        Assert.Contains("The limiter over the programme held it 0.1 dB for 0.011 s", text, StringComparison.Ordinal);
        var tracks = page.Find("section[aria-label=\"The disc's tracks\"]").QuerySelectorAll("tbody tr");
        Assert.Equal(["01", "Morning", "Blupi", "GBRFD2600001", "00:27:00", "02:30:00"], tracks[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal("—", tracks[1].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Equal(["cd/Planet_Blupi.wav", "cd/Planet_Blupi.cue", "ddp/IMAGE.DAT"], page.FindAll("li a[download]").Select(a => a.TextContent));
        Assert.Equal("api/files/renders/c/0001-album/album/ddp/IMAGE.DAT", page.FindAll("li a[download]")[2].GetAttribute("href"));

        // The album's streaming files are the title's deliverables, with the loudness their report gives.
        var deliverable = Assert.Single(page.FindAll("a[download='01-Morning.flac']"));
        Assert.Contains("-12.04 LUFS", deliverable.Closest("tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Waveform_EnvelopeFollowsThePeaks()
    {
        var programme = Programme(4, 1, min: [-1f, -0.5f, 0f, -0.25f], max: [1f, 0.5f, 0f, 0.25f]);
        var waveform = _dashboard.Context.Render<Waveform>(p => p.Add(w => w.Programme, programme).Add(w => w.Caption, "The input"));
        var peaks = waveform.FindAll("path")[0].GetAttribute("d")!;
        // Four columns, 250 wide; y = 50 - 49 x sample: the highs then the lows.
        Assert.Equal("M0 1L125 1L375 25.5L625 50L875 37.8L875 62.3L625 50L375 74.5L125 99Z", peaks);
    }

    [Fact]
    public void Farm_SilosWorkersQueueThroughputAndFailures()
    {
        _dashboard.Farm.FarmStatus = new FarmStatus
        {
            Silos = [new SiloEntry("S127.0.0.1:11111:1", "silo-1", "render-01", "Active", Nine), new SiloEntry("S127.0.0.1:11112:1", "silo-2", "render-02", "Dead", Nine)],
            Workers =
            [
                new WorkerStatus(new WorkerReport { Worker = "silo-1", Host = "render-01", Slots = 2, Busy = 1, Done = 40, Failed = 1, BusySeconds = 3725, StartedAt = Nine, ReportedAt = Nine, Running = ["cat-a/0007/g2/master"] }, true, 12.5),
                new WorkerStatus(new WorkerReport { Worker = "silo-2", Host = "render-02", Slots = 2, StartedAt = Nine, ReportedAt = Nine.AddMinutes(3) }, false, 0),
            ],
            QueueWaiting = 17,
            QueueConsumers = 1,
            QueueSource = "rabbitmq",
            DonePerMinute = 12.5,
            FailedPerMinute = 0.2,
            RecentFailures = [new TaskFailure("cat-a/0003/track-1", 1, "song.json: $.tracks[1].source: 'gone.wav' does not exist", false, Nine, "silo-1")],
            At = Nine,
        };

        var page = _dashboard.Context.Render<FarmPage>();
        var glance = page.Find("[aria-label='Farm at a glance']").TextContent;
        foreach (var figure in new[] { "1 of 2", "1 of 2", "1 of 2", "17", "RabbitMQ, 1 consumers", "12.5", "0.2" })
        {
            Assert.Contains(figure, glance, StringComparison.Ordinal);
        }

        var tables = page.FindAll("table");
        Assert.Contains("Dead", tables[0].TextContent, StringComparison.Ordinal);
        var workers = tables[1].QuerySelectorAll("tbody tr");
        Assert.Contains("1:02:05", workers[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("catalogues/cat-a/titles/0007", workers[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("g2/master", workers[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("silent since 2026-12-01 09:03:00 UTC", workers[1].TextContent, StringComparison.Ordinal);
        var failure = Assert.Single(tables[2].QuerySelectorAll("tbody tr"));
        Assert.Contains("'gone.wav' does not exist", failure.TextContent, StringComparison.Ordinal);
        Assert.Contains("no: the input must change", failure.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_RefusedWithoutSources_StartedWithThem_TheFarmsRefusalShownWithItsField()
    {
        _dashboard.Library.Media.AddRange(
        [
            new MediaSource("albums/1998", true, 0, Nine),
            new MediaSource("albums/1998/01-intro.wav", false, 5_000_000, Nine),
        ]);
        var page = _dashboard.Context.Render<Submit>();
        Assert.Equal(2, page.FindAll("tbody tr").Count);
        Field(page, "Catalogue name").Change("Back catalogue 1998");
        page.FindAll("button").Single(b => b.TextContent.Contains("Start rendering", StringComparison.OrdinalIgnoreCase)).Click();
        Assert.Contains("Not started: sources: choose or upload at least one source", page.Markup, StringComparison.Ordinal);
        Assert.Empty(_dashboard.Library.Submitted);

        page.Find("input[aria-label='use albums/1998']").Change(true);
        Assert.Contains("1 source chosen: albums/1998", page.Markup, StringComparison.Ordinal);
        _dashboard.Library.Outcome = SubmitOutcome.Refused("profile", "$.target: nowhere is not a target");
        page.FindAll("button").Single(b => b.TextContent.Contains("Start rendering", StringComparison.OrdinalIgnoreCase)).Click();
        Assert.Contains("Not started: profile: $.target: nowhere is not a target", page.Markup, StringComparison.Ordinal);

        _dashboard.Library.Outcome = SubmitOutcome.Started("cat-new");
        page.FindAll("button").Single(b => b.TextContent.Contains("Start rendering", StringComparison.OrdinalIgnoreCase)).Click();
        var request = _dashboard.Library.Submitted[^1];
        Assert.Equal("albums/1998", Assert.Single(request.Sources));
        Assert.Equal("spotify", request.Profile);
        Assert.Equal(50, request.Priority);
        Assert.EndsWith("/catalogues/cat-new", _dashboard.Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileEditor_AnErrorIsShownAtItsField_FixedItSaves()
    {
        var navigation = _dashboard.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("profiles/edit?from=ebu-r128");
        var page = _dashboard.Context.Render<ProfileEditor>();
        Assert.Contains("Valid: target ebu-r128; deliverables wav", page.Markup, StringComparison.Ordinal);

        Field(page, "Input gain (dB)").Change("30");
        Field(page, "Input gain (dB)").Blur();
        Assert.Contains("$.chain.input_gain_db: 30 is out of range: accepted -24 to 24 dB", page.Markup, StringComparison.Ordinal);
        Assert.Contains("mud-input-error", page.FindAll(".mud-input-control").First(c => c.TextContent.Contains("Input gain (dB)", StringComparison.Ordinal)).InnerHtml, StringComparison.Ordinal);
        Assert.Contains("\"input_gain_db\": 30", page.Find("textarea").GetAttribute("value") ?? page.Find("textarea").TextContent, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Contains("Save profile", StringComparison.OrdinalIgnoreCase)).Click();
        Assert.Empty(_dashboard.Library.Saved);

        Field(page, "Input gain (dB)").Change("-2.5");
        page.FindAll("button").Single(b => b.TextContent.Contains("Add deliverable", StringComparison.OrdinalIgnoreCase)).Click();
        page.FindAll("button").Single(b => b.TextContent.Contains("Save profile", StringComparison.OrdinalIgnoreCase)).Click();
        var saved = System.Text.Json.Nodes.JsonNode.Parse(_dashboard.Library.Saved["ebu-r128-custom"])!;
        Assert.Equal(-2.5, saved["chain"]!["input_gain_db"]!.GetValue<double>());
        Assert.Equal(2, saved["deliverables"]!.AsArray().Count);
        Assert.Contains("saved as profiles/ebu-r128-custom.json", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogueFigures_TimeLeftFromThePaceSoFar_AndLoudnessDistributions()
    {
        var running = FakeFarm.Catalog("c", "C",
            FakeFarm.Title("c", 1, "a.wav", JobStatus.Succeeded, TitleStage.Done, 1) with { StartedAt = Nine, Loudness = new TitleLoudness { InputLufs = -20.4, OutputLufs = -14.0, TargetMet = true, QcFindings = 2, QcErrors = 1 } },
            FakeFarm.Title("c", 2, "b.wav", JobStatus.Running, TitleStage.Master, 0.5) with { StartedAt = Nine.AddMinutes(1) },
            FakeFarm.Title("c", 3, "c.wav", JobStatus.Succeeded, TitleStage.Done, 1) with { StartedAt = Nine, Loudness = new TitleLoudness { InputLufs = -9.2, OutputLufs = -14.3, TargetMet = false, QcFindings = 1 } },
            FakeFarm.Title("c", 4, "d.wav", JobStatus.Queued, TitleStage.Master, 0));

        // 2.5 of 4 done in 10 minutes: 6 minutes left at that pace (the summary a catalogue grain gives).
        var summary = CatalogSummary.Of(running);
        Assert.Equal(TimeSpan.FromMinutes(6), CatalogueFigures.Remaining(summary, Nine.AddMinutes(10)));
        Assert.Equal("about 6 min", CatalogueFigures.Describe(CatalogueFigures.Remaining(summary, Nine.AddMinutes(10))));
        Assert.Null(CatalogueFigures.Remaining(summary with { Paused = true }, Nine.AddMinutes(10)));
        Assert.Null(CatalogueFigures.Remaining(summary with { Status = JobStatus.Succeeded }, Nine.AddMinutes(10)));

        var d = CatalogueFigures.Distribution(summary.Loudness);
        Assert.Equal("-21", d.Bins[0]);
        Assert.Equal("-10", d.Bins[^1]);
        Assert.Equal(1, d.Before[0]);   // -20.4 in [-21, -20)
        Assert.Equal(1, d.Before[^1]);  // -9.2 in [-10, -9)
        Assert.Equal(1, d.After[Array.IndexOf(d.Bins, "-14")]); // -14.0 in [-14, -13)
        Assert.Equal(1, d.After[Array.IndexOf(d.Bins, "-15")]); // -14.3 in [-15, -14)
        Assert.Equal(2, d.Before.Sum());
        Assert.Equal((1, 1, 3, 1), (d.TargetMet, d.TargetMissed, d.QcFindings, d.QcErrors));
    }

    [Fact]
    public void Catalogue_ShowsTheDistributionSummaryAndExportLinks()
    {
        _dashboard.Farm.Catalogs = [FakeFarm.Catalog("c", "C",
            FakeFarm.Title("c", 1, "a.wav", JobStatus.Succeeded, TitleStage.Done, 1) with { Loudness = new TitleLoudness { InputLufs = -20.4, OutputLufs = -14.0, TargetMet = true, QcFindings = 2, QcErrors = 1 } })];
        var page = _dashboard.Context.Render<Catalogue>(p => p.Add(c => c.Id, "c"));
        Assert.NotNull(page.Find("figure[aria-label^='Titles by integrated loudness'] .mud-chart"));
        Assert.Contains("before, the busiest bin is -21 LUFS (1 titles); after, -14 LUFS (1 titles)", page.Markup, StringComparison.Ordinal);
        Assert.Equal(["api/catalogs/c/report.csv", "api/catalogs/c/report.json"], page.FindAll("a[download]").Select(a => a.GetAttribute("href")));
    }

    public ValueTask DisposeAsync() => _dashboard.DisposeAsync();

    // Clicks the element, found again when a refresh of the page replaced its handler between finding and
    // clicking it (a browser's click is kept until it has seen the new render; bUnit's is not).
    [Fact]
    public void TitlePage_ShowsWhatTheRestoreDid_BeforeTheMasterIsDone()
    {
        const string Restore = """
            { "input": "old.wav", "output": "renders/c/0001-old/restore/restored.wav", "sample_rate": 44100, "channels": 2, "frames": 441000,
              "declick": { "clicks": 12, "samples": 140, "clicks_per_minute": 72.0, "listed": [ { "start_s": 1.25, "samples": 4, "channel": 1 }, { "start_s": 3.5, "samples": 30, "channel": 2 } ] },
              "denoise": { "profile_source": "quietest", "profile_from": [ { "start_s": 0.0, "end_s": 0.25 } ], "floor_dbfs": -52.5, "profile": [ { "hz": 1000, "dbfs": -70.2 }, { "hz": 1260, "dbfs": -71.0 } ], "reduction_db": 12, "removed_db": 0.4, "fft_size": 2048 },
              "azimuth": { "delay_samples": 0.62, "delay_us": 14.1, "coherence": 0.93, "channel_advanced": 2 },
              "change_sdr_db": 31.5 }
            """;
        var title = FakeFarm.Title("c", 1, "old.wav", JobStatus.Running, TitleStage.Master, 0.5) with { RestoreReportFile = "renders/c/0001-old/restore/restore.json" };
        _dashboard.Farm.ReportFiles["renders/c/0001-old/restore/restore.json"] = Restore;
        _dashboard.Farm.Catalogs = [FakeFarm.Catalog("c", "C", title)];
        _dashboard.Farm.TitleViews["c/0001"] = new TitleView(title, []);

        var page = _dashboard.Context.Render<Title>(p => p.Add(t => t.CatalogId, "c").Add(t => t.Number, "0001"));

        var rows = page.FindAll("h2 + .mud-table tbody tr").Select(r => r.TextContent).ToArray();
        Assert.Contains(rows, r => r.Contains("De-click", StringComparison.Ordinal) && r.Contains("12 clicks rebuilt (72 a minute), 140 samples", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("noise floor -52.5 dBFS (from the 1 quietest passages), turned down by up to 12 dB", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("channel 2 lagged 0.620 samples (14.1 µs); brought into line", StringComparison.Ordinal));
        Assert.Contains("Clicks at: 0:01.250 (ch 1, 4), 0:03.500 (ch 2, 30)", page.Markup, StringComparison.Ordinal);
        Assert.Equal(["api/titles/c/0001/excerpt?at=1.250&version=before", "api/titles/c/0001/excerpt?at=1.250&version=after", "api/titles/c/0001/excerpt?at=3.500&version=before", "api/titles/c/0001/excerpt?at=3.500&version=after"],
            page.FindAll("audio").Select(a => a.GetAttribute("src")));
        Assert.Contains("-70", page.FindAll("table:not(.mud-table-root) tbody")[^1].TextContent, StringComparison.Ordinal);
    }

    private static async Task ClickSteady(IRenderedComponent<Title> page, string selector)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.Find(selector).ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 20)
            {
                // Found again on the next round.
            }
        }
    }

    // Text content with every run of white space made one space.
    private static string Squeezed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    // A MudBlazor field's input, found by its label.
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<IComponent> page, string label)
    {
        var id = page.FindAll("label").First(l => l.TextContent.Trim().TrimEnd('*') == label).GetAttribute("for");
        return page.Find($"#{id}");
    }

    private static TitleOverview Overview(double seconds) => new(-14.0, -1.0,
        Programme(seconds, 0.5, peak: 0.5f, loudness: -12.0),
        Programme(seconds, 0.5, peak: (float)Math.Pow(10, -1.0 / 20), loudness: -8.0));

    private static ProgrammeView Programme(double seconds, double bucket, float peak, double loudness)
    {
        var count = (int)(seconds / bucket);
        var max = Enumerable.Repeat(peak, count).ToArray();
        return Programme(seconds, bucket, [.. max.Select(m => -m)], max) with
        {
            SpectrumHz = [100, 1000, 10_000],
            SpectrumDb = [-20, -25, -40],
            LoudnessIntervalSeconds = 0.1,
            MomentaryLufs = [.. Enumerable.Repeat<double?>(loudness + 1, 1000)],
            ShortTermLufs = [.. Enumerable.Repeat<double?>(loudness, 999), null],
        };
    }

    private static ProgrammeView Programme(double seconds, double bucket, float[] min, float[] max) =>
        new(seconds, bucket, min, max, [.. max.Select(m => m / 2)], [], [], 0.1, [], []);
}
