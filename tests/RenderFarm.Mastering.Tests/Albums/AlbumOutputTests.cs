using System.Security.Cryptography;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// An album's files reach its output folder whole: made in a work folder and moved into place, so a late
/// attempt of the same album never takes a finished file away, an album cut off leaves the finished one
/// as it was, and what an earlier version of the album had and this one does not goes.
/// </summary>
public sealed class AlbumOutputTests : IDisposable
{
    private static readonly DateTimeOffset Origination = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Material.TempFolder("album-output");

    private static MasteringProfile Profile => MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
    {
        Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Wav }, new DeliverableSpec { Format = DeliverableFormat.Flac }, new DeliverableSpec { Format = DeliverableFormat.Cd }],
    };

    [Fact]
    public async Task LateAttempt_AfterTheAlbumFinished_NeverTakesAFileAway_AndLeavesTheSameBytes()
    {
        var album = TwoSongs();
        var output = Path.Combine(_folder, "out");
        var cancellation = TestContext.Current.CancellationToken;
        var first = new AlbumJob(Profile).Run(album, output, new AlbumJobOptions { Origination = Origination, Attempt = 2 }, cancellation);
        var finished = Hashes(output);
        Assert.Contains(finished.Keys, k => k.StartsWith("tracks/", StringComparison.Ordinal));
        Assert.Contains("ddp/IMAGE.DAT", finished.Keys);
        Assert.All(first.Tracks, t => Assert.StartsWith(output, t.Path, StringComparison.Ordinal));
        Assert.True(File.Exists(first.Disc!.ImageWav) && File.Exists(first.Disc.CueSheet));

        // Attempt 1 wakes up late and renders the album again into the same folder: every finished file is
        // there whole the whole time (its size watched every millisecond or so: a file rewritten in place or
        // deleted would show) and holds the same bytes at the end.
        var sizes = finished.Keys.ToDictionary(k => k, k => new FileInfo(Path.Combine(output, k)).Length, StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var missing = new List<string>();
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (name, size) in sizes)
                {
                    var file = new FileInfo(Path.Combine(output, name));
                    if (!file.Exists || file.Length != size)
                    {
                        missing.Add(name);
                    }
                }

                Thread.Sleep(1);
            }
        }, cancellation);
        new AlbumJob(Profile).Run(album, output, new AlbumJobOptions { Origination = Origination, Attempt = 1 }, cancellation);
        await stop.CancelAsync();
        await watcher;
        Assert.Empty(missing.Distinct());
        Assert.Equal(finished, Hashes(output));
        Assert.Empty(Directory.GetDirectories(output, ".renderfarm-*"));
    }

    [Fact]
    public async Task AlbumCutOff_LeavesTheFinishedOneAsItWas_AndAnEarlierVersionsExtraFilesGo()
    {
        var album = TwoSongs();
        var output = Path.Combine(_folder, "out");
        new AlbumJob(Profile).Run(album, output, new AlbumJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);
        var finished = Hashes(output);

        // Cut off while it works (once its first track file is made): nothing of it reaches the output folder,
        // its work folder goes with it.
        using var cut = new CancellationTokenSource();
        var run = Task.Run(() => new AlbumJob(Profile).Run(album with { Title = "Other Title" }, output, new AlbumJobOptions { Origination = Origination }, cut.Token), TestContext.Current.CancellationToken);
        while (!run.IsCompleted && !Directory.EnumerateDirectories(output, ".renderfarm-album-*").Any(w => Directory.Exists(Path.Combine(w, "out", "tracks")) && Directory.EnumerateFiles(Path.Combine(w, "out", "tracks")).Any()))
        {
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        await cut.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(finished, Hashes(output));
        Assert.Empty(Directory.GetDirectories(output, ".renderfarm-*"));

        // A new version of the album without the disc and with another title: the old disc and the old names go.
        var flacOnly = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Flac }] };
        var renamed = album with { Songs = [album.Songs[0] with { Title = "Renamed" }, album.Songs[1]] };
        var report = new AlbumJob(flacOnly).Run(renamed, output, new AlbumJobOptions { Origination = Origination }, TestContext.Current.CancellationToken);
        var now = Hashes(output);
        Assert.Equal(report.Tracks.Select(t => Path.GetRelativePath(output, t.Path)).Order(StringComparer.Ordinal), now.Keys.Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(output, "cd")));
        Assert.False(Directory.Exists(Path.Combine(output, "ddp")));
        Assert.Contains("tracks/01-Renamed.flac", now.Keys);
    }

    [Fact]
    public void RemoveLeftovers_ClearsEarlierAttemptsFolders_AndKeepsALaterOnesThatMayStillWork()
    {
        var output = Path.Combine(_folder, "left");
        var earlier = AlbumOutput.WorkFolder(output, 3);
        var later = AlbumOutput.WorkFolder(output, 5);
        var anonymous = AlbumOutput.WorkFolder(output, null);
        var own = AlbumOutput.WorkFolder(output, 4);
        foreach (var folder in new[] { earlier, later, anonymous, own })
        {
            Directory.CreateDirectory(Path.Combine(folder, "out", "tracks"));
            File.WriteAllText(Path.Combine(folder, "out", "tracks", "x.flac"), "half");
        }

        AlbumOutput.RemoveLeftovers(output, 4);

        Assert.False(Directory.Exists(earlier));
        Assert.False(Directory.Exists(anonymous));
        Assert.True(Directory.Exists(later));
        Assert.True(Directory.Exists(own), "a folder of the attempt itself is not an earlier one's");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Every file under the output folder (relative, '/'-separated) and its SHA-256.
    private static Dictionary<string, string> Hashes(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(output, f).Replace('\\', '/'), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private Album TwoSongs()
    {
        string Piece(string name, double from) => Material.Piece(_folder, name, 0, from, 8);

        return new Album
        {
            Title = "Staged",
            Artist = "Blupi",
            Songs = [new AlbumSong { Path = Piece("one", 0), Title = "One" }, new AlbumSong { Path = Piece("two", 20), Title = "Two" }],
        };
    }
}
