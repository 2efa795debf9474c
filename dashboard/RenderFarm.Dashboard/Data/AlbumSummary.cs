using System.Text.Json;
using static RenderFarm.Dashboard.Data.TitleReport;

namespace RenderFarm.Dashboard.Data;

/// <summary>
/// What the title page shows of an album's report (<c>album</c> in album-report.json): the loudness plan in
/// both modes, each song against the album with what stands out, the disc and its track list.
/// </summary>
public sealed record AlbumSummary(
    string Mode,
    double? TargetLufs,
    double? CeilingDbtp,
    double? InputAlbumLufs,
    double? AlbumLufs,
    double? OffsetDb,
    double? AlbumModeAlbumLufs,
    double? TrackModeAlbumLufs,
    double? TruePeakDbtp,
    double? SpreadLu,
    int Rounds,
    IReadOnlyList<AlbumSongItem> Songs,
    AlbumDiscItem? Disc)
{
    /// <summary>The tonal bands of <see cref="AlbumSongItem.ToneVersusAlbumDb"/>, in order.</summary>
    public static readonly IReadOnlyList<string> ToneBands = ["low end", "mids", "top end"];

    /// <summary>The recording the album was mastered towards, if any.</summary>
    public AlbumReferenceItem? Reference { get; init; }

    /// <summary>How many songs stand out from the album somehow.</summary>
    public int OutlierSongs => Songs.Count(s => s.Outliers.Count > 0);

    internal static AlbumSummary? From(JsonElement? album)
    {
        if (album is not { ValueKind: JsonValueKind.Object } a)
        {
            return null;
        }

        var disc = Get(a, "disc");
        var layout = Get(disc, "layout");
        return new AlbumSummary(
            Text(a, "mode") ?? "album",
            Number(a, "target_lufs"),
            Number(a, "ceiling_dbtp"),
            Number(a, "input_album_lufs"),
            Number(a, "album_lufs"),
            Number(a, "album_offset_db"),
            Number(a, "album_mode_album_lufs"),
            Number(a, "track_mode_album_lufs"),
            Number(a, "album_true_peak_dbtp"),
            Number(a, "spread_lu"),
            Number(a, "rounds") is { } r ? (int)r : 0,
            [.. Items(a, "songs").Select(s => new AlbumSongItem(
                Number(s, "track") is { } n ? (int)n : 0,
                Text(s, "title") ?? Path.GetFileNameWithoutExtension(Text(s, "input_path") ?? "?"),
                Number(s, "input_lufs"),
                Number(s, "output_lufs"),
                Number(s, "versus_album_lu"),
                Number(s, "track_mode_lufs"),
                Number(s, "album_mode_lufs"),
                Number(s, "true_peak_dbtp"),
                Number(s, "plr_db"),
                Number(s, "loudness_range_lu"),
                Get(s, "tone_versus_album_db") is { ValueKind: JsonValueKind.Array } tone ? [.. tone.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN)] : null,
                [.. Items(s, "outliers").Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!)],
                Get(s, "gain") is { } gain ? Number(gain, "track_gain_db") : null,
                Get(s, "gain") is { } g ? Number(g, "album_gain_db") : null,
                Text(s, "note")))],
            disc is null ? null : new AlbumDiscItem(
                Text(layout, "upc"),
                Number(disc, "duration_seconds"),
                Number(disc, "integrated_lufs"),
                Number(disc, "true_peak_dbtp"),
                Number(disc, "clipped_samples") is { } c ? (long)c : 0,
                Number(disc, "limiter_max_gain_reduction_db"),
                Number(disc, "limited_seconds"),
                Text(disc, "image_wav"),
                Text(disc, "cue_sheet"),
                Text(disc, "ddp_folder"),
                [.. Items(layout, "tracks").Select((t, i) => new DiscTrackItem(
                    i + 1,
                    Text(t, "title"),
                    Text(t, "performer"),
                    Text(t, "isrc"),
                    Number(t, "pregap_frames") is { } pregap ? (long)pregap : 0,
                    Number(t, "frames") is { } frames ? (long)frames : 0))]))
        {
            Reference = Get(a, "reference") is { } match ? new AlbumReferenceItem(Text(match, "path") ?? "?", Number(match, "amount_percent") ?? 100, Number(match, "reference_lufs"),
                Number(match, "distance_before_db"), Number(match, "distance_after_db"), Items(match, "filters").Length) : null,
        };
    }

    /// <summary>The tracks of the album's streaming release, as its report lists them (loudness inside each).</summary>
    internal static IReadOnlyList<DeliverableItem> Tracks(JsonElement? album) =>
        [.. Items(album, "tracks").Select(d => new DeliverableItem(Text(d, "label") ?? "?", Text(d, "format") ?? "?", Text(d, "path") ?? string.Empty,
            Text(d, "sha256") ?? string.Empty, Number(d, "bytes") is { } b ? (long)b : 0, Number(d, "sample_rate") is { } r ? (int)r : 0,
            Number(d, "bit_depth") is { } bits ? (int)bits : null, Number(d, "bitrate_kbps") is { } kbps ? (int)kbps : null,
            Number(Get(d, "loudness"), "integrated_lufs"), Number(Get(d, "loudness"), "true_peak_dbtp")))];

}

/// <summary>One song against its album: loudness as mixed and mastered, where each mode puts it, peak, dynamics, tonal balance against the album's median, what stands out.</summary>
public sealed record AlbumSongItem(
    int Track,
    string Title,
    double? InputLufs,
    double? OutputLufs,
    double? VersusAlbumLu,
    double? TrackModeLufs,
    double? AlbumModeLufs,
    double? TruePeakDbtp,
    double? PlrDb,
    double? RangeLu,
    IReadOnlyList<double>? ToneVersusAlbumDb,
    IReadOnlyList<string> Outliers,
    double? TrackGainDb,
    double? AlbumGainDb,
    string? Note);

/// <summary>The album's disc: catalogue number, length, the image's loudness and peak, what the programme's limiter did, its files and tracks.</summary>
public sealed record AlbumDiscItem(
    string? Upc,
    double? DurationSeconds,
    double? IntegratedLufs,
    double? TruePeakDbtp,
    long ClippedSamples,
    double? LimiterMaxGainReductionDb,
    double? LimitedSeconds,
    string? ImageWav,
    string? CueSheet,
    string? DdpFolder,
    IReadOnlyList<DiscTrackItem> Tracks);

/// <summary>A track of the disc as its CUE sheet and DDP image have it; lengths in CD frames (75 a second).</summary>
public sealed record DiscTrackItem(int Number, string? Title, string? Performer, string? Isrc, long PregapFrames, long Frames)
{
    /// <summary>A length in CD frames as MM:SS:FF, as CUE sheets and mastering tools write it.</summary>
    public static string Msf(long frames) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{frames / 4500:00}:{frames / 75 % 60:00}:{frames % 75:00}");
}

/// <summary>An album's match to a reference recording: by how much, its loudness, the album's tonal distance to it before and after, how many filters made the one correction.</summary>
public sealed record AlbumReferenceItem(string Path, double AmountPercent, double? ReferenceLufs, double? DistanceBeforeDb, double? DistanceAfterDb, int Filters);
