using System.Globalization;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// A dynamics floor in album mode: when it holds one song under its aim, the whole album comes down with it
/// (its songs keep their relative loudness, by libebur128 on the delivered files), the report says the floor
/// decided the album's level, and the target is not claimed.
/// </summary>
public sealed class AlbumFloorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly CultureInfo F = CultureInfo.InvariantCulture;
    private readonly string _folder = Material.TempFolder("album-floor");

    [Fact]
    public void FloorOnOneSong_BringsTheWholeAlbumDown_KeepingTheSongsApart()
    {
        // The opener at -13 LUFS in album mode would leave a PLR under 14 dB; the ballad, 10 dB down, never would.
        var album = new Album
        {
            Title = "Floor",
            Songs = [new AlbumSong { Path = Material.Piece(_folder, "opener", 0, 0, 20, 0), Title = "Opener" }, new AlbumSong { Path = Material.Piece(_folder, "ballad", 2, 10, 20, -10), Title = "Ballad" }],
        };
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
        {
            Floor = new DynamicsFloor { MinPlrDb = 14 },
            Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }],
        };
        var report = new AlbumJob(profile).Run(album, Path.Combine(_folder, "out"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("dynamics floor decided the album's level: track 1 (Opener)", report.Note, StringComparison.Ordinal);
        Assert.False((bool)System.Text.Json.Nodes.JsonNode.Parse(Contracts.Reports.ReportJson.Write(Reports.AlbumDocument.Build(report)))!["target"]!["met"]!);
        var wavs = report.Tracks.Where(d => d.Format == "wav").Select(d => d.Path).Order(StringComparer.Ordinal).ToArray();
        var mixes = album.Songs.Select(s => ReferenceMeter.MeasureFile(s.Path).IntegratedLufs).ToArray();
        var masters = wavs.Select(w => ReferenceMeter.MeasureFile(w)).ToArray();

        output.WriteLine(string.Create(F, $"mixes {mixes[0]:0.00} / {mixes[1]:0.00} LUFS, masters {masters[0].IntegratedLufs:0.00} / {masters[1].IntegratedLufs:0.00} LUFS, opener PLR {masters[0].TruePeakDbtp - masters[0].IntegratedLufs:0.00} dB, album {ReferenceMeter.IntegratedOfFiles(wavs):0.00} LUFS, {report.Rounds} rounds; {report.Note}"));

        // Relative loudness kept within 0.1 LU; the album under its -14 LUFS target; the opener's PLR on the floor.
        var kept = (masters[0].IntegratedLufs - masters[1].IntegratedLufs) - (mixes[0] - mixes[1]);
        Assert.True(Math.Abs(kept) <= 0.1, string.Create(F, $"{masters[0].IntegratedLufs - masters[1].IntegratedLufs:0.00} LU apart mastered, {mixes[0] - mixes[1]:0.00} LU mixed"));
        Assert.True(ReferenceMeter.IntegratedOfFiles(wavs) < -14.5, string.Create(F, $"album at {ReferenceMeter.IntegratedOfFiles(wavs):0.00} LUFS"));
        Assert.True(masters[0].TruePeakDbtp - masters[0].IntegratedLufs >= 14 - 0.06, string.Create(F, $"opener's PLR {masters[0].TruePeakDbtp - masters[0].IntegratedLufs:0.00} dB"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
