using System.Text.Json.Nodes;
using RenderFarm.Contracts.Reports;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Overview;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Reports;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests;

/// <summary>
/// The report contract: what the mastering and album jobs write on real material reads back (through the same
/// types the grains, the API and the dashboard read it with) and writes again to the same bytes, so no field is
/// written under one name and read under another; a document of an older or partial shape reads with empty
/// lists rather than nulls.
/// </summary>
public sealed class ReportDocumentTests : IDisposable
{
    private static readonly DateTimeOffset Origination = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly string _folder = Material.TempFolder("report-documents");

    [Fact]
    public void MasterReportAndOverview_ReadBack_WriteTheSameBytes()
    {
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
        {
            Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }, new DeliverableSpec { Format = DeliverableFormat.Flac }],
        };
        var input = Material.Piece(_folder, "song", 2, 30, 20, 0);
        var reference = Material.Piece(_folder, "reference", 3, 10, 15, 0);
        var report = new MasteringJob(profile).Run(input, Path.Combine(_folder, "out"),
            new MasteringJobOptions { Origination = Origination, Metadata = new() { Title = "Song", Isrc = "GBAYE2600123" }, Reference = new ReferenceTrack(reference, 50) }, TestContext.Current.CancellationToken);

        var text = ReportJson.Write(MasterDocument.Build(report, series: true));
        var read = ReportJson.ReadMaster(text);
        Assert.Equal(text, ReportJson.Write(read));
        Assert.Equal(["master", "flac"], read.Deliverables.Select(d => d.Label));
        Assert.NotNull(read.Input.Series);
        Assert.NotNull(read.Reference);
        Assert.Equal(report.Output.IntegratedLufs, read.Headline().OutputLufs!.Value, 0.006);
        Assert.Equal(read.Qc.Count, read.Headline().QcFindings);

        // The names users' tools read, as the README gives them.
        var json = JsonNode.Parse(text)!;
        Assert.Equal(-14.0, json["target"]!["integrated_lufs"]!.GetValue<double>());
        Assert.NotNull(json["output"]!["true_peak_dbtp"]);
        Assert.NotNull(json["deliverables"]![1]!["sha256"]);
        Assert.NotNull(json["timings_s"]);

        var overview = ReportJson.Write(OverviewBuilder.Build(report));
        Assert.Equal(overview, ReportJson.Write(ReportJson.ReadOverview(System.Text.Encoding.UTF8.GetBytes(overview))));
        Assert.DoesNotContain('\n', overview); // (compact: it is read on every page view)
    }

    [Fact]
    public void AlbumReport_ReadsBack_WritesTheSameBytes()
    {
        var album = new Album
        {
            Title = "Two",
            Upc = "5012345678900",
            Songs =
            [
                new AlbumSong { Path = Material.Piece(_folder, "one", 0, 10, 10, 0), Title = "One", Isrc = "GBAYE2600001" },
                new AlbumSong { Path = Material.Piece(_folder, "two", 2, 10, 10, -8), Title = "Two", Isrc = "GBAYE2600002" },
            ],
        };
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }] };
        var report = new AlbumJob(profile).Run(album, Path.Combine(_folder, "album"), new AlbumJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);

        var text = ReportJson.Write(AlbumDocument.Build(report));
        var read = ReportJson.ReadAlbum(text);
        Assert.Equal(text, ReportJson.Write(read));
        Assert.Equal(["One", "Two"], read.Album.Songs.Select(s => s.Title));
        Assert.Equal("album", read.Album.Mode);
        Assert.Equal(report.AlbumLufs, read.Album.AlbumLufs);
        Assert.Equal(2, read.Album.Tracks.Count);
    }

    [Fact]
    public void PartialDocument_ReadsWithEmptyListsAndSections()
    {
        var master = ReportJson.ReadMaster("""{ "output": { "integrated_lufs": -14.0 }, "target": { "name": "spotify", "met": true } }""");
        Assert.Empty(master.Qc);
        Assert.Empty(master.Deliverables);
        Assert.Empty(master.Preview);
        Assert.Null(master.Input.IntegratedLufs);
        Assert.Equal((-14.0, true, 0), (master.Headline().OutputLufs, master.Headline().TargetMet, master.Headline().QcFindings));

        var album = ReportJson.ReadAlbum("""{ "album": { "mode": "track" } }""");
        Assert.Equal("track", album.Album.Mode);
        Assert.Empty(album.Album.Songs);
        Assert.Throws<System.Text.Json.JsonException>(() => ReportJson.ReadMaster("[1, 2]"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
