using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// One album of real recordings mastered once in album mode and once in track mode: a hidden track (8 s)
/// before track 1, an opener, a ballad mixed 10 dB down, a song that crossfades out of the ballad over 4 s,
/// and a finale with a Latin-1 title; 30 s pieces of four planetblupi songs at 48 kHz. Deliverables:
/// 24-bit WAV, FLAC, MP3 and the disc.
/// </summary>
public sealed class AlbumFixture : IDisposable
{
    public const string Upc = "5012345678900";

    public AlbumFixture()
    {
        Folder = Material.TempFolder("album");
        string Piece(int song, double from, double seconds, double gainDb, string name) => Material.Piece(Folder, name, song, from, seconds, gainDb);

        Album = new Album
        {
            Title = "Blupi Album",
            Artist = "Planet Blupi Orchestra",
            Year = 2026,
            Upc = Upc,
            Songs =
            [
                new AlbumSong { Path = Piece(3, 60, 8, 0, "hidden"), Title = "Hidden", Hidden = true },
                new AlbumSong { Path = Piece(0, 0, 30, 0, "opener"), Title = "Opener", Isrc = "GBRFD2600001" },
                new AlbumSong { Path = Piece(2, 10, 30, -10, "ballad"), Title = "The Ballad", Isrc = "GBRFD2600002", GapSeconds = 1.5 },
                new AlbumSong { Path = Piece(1, 0, 30, 0, "segue"), Title = "Segue", Isrc = "GBRFD2600003", CrossfadeSeconds = 4 },
                new AlbumSong { Path = Piece(3, 0, 30, 0, "finale"), Title = "Café Finale", Artist = "Blupi & Friends", Isrc = "GBRFD2600004" },
            ],
        };
        Profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify) with
        {
            Deliverables =
            [
                new DeliverableSpec { Format = DeliverableFormat.Wav },
                new DeliverableSpec { Format = DeliverableFormat.Flac },
                new DeliverableSpec { Format = DeliverableFormat.Mp3 },
                new DeliverableSpec { Format = DeliverableFormat.Cd },
            ],
        };
        var options = new AlbumJobOptions { Origination = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero) };
        AlbumFolder = System.IO.Path.Combine(Folder, "album-mode");
        TrackFolder = System.IO.Path.Combine(Folder, "track-mode");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        AlbumMode = new AlbumJob(Profile).Run(Album, AlbumFolder, options);
        AlbumSeconds = clock.Elapsed.TotalSeconds;
        TrackMode = new AlbumJob(Profile).Run(Album with { Mode = AlbumLoudnessMode.Track }, TrackFolder, options);
    }

    public string Folder { get; }

    public Album Album { get; }

    public MasteringProfile Profile { get; }

    public string AlbumFolder { get; }

    public string TrackFolder { get; }

    public AlbumReport AlbumMode { get; }

    public AlbumReport TrackMode { get; }

    public double AlbumSeconds { get; }

    /// <summary>The 24-bit WAV of every track of a run, in running order.</summary>
    public static string[] Wavs(AlbumReport report) => report.Tracks.Where(d => d.Format == "wav").Select(d => d.Path).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
