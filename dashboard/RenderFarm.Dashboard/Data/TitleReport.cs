using System.Text.Json;

namespace RenderFarm.Dashboard.Data;

/// <summary>What the title page shows of a title's mastering report (the JSON the master and deliverable tasks made).</summary>
public sealed record TitleReport(
    LoudnessFigures? Input,
    LoudnessFigures? Output,
    string? Target,
    double? TargetLufs,
    double? CeilingDbtp,
    bool? TargetMet,
    string? TargetNote,
    double? GainDb,
    IReadOnlyList<QcItem> Qc,
    IReadOnlyList<DeliverableItem> Deliverables)
{
    /// <summary>What each streaming service's normalisation does to the master on playback.</summary>
    public IReadOnlyList<PreviewItem> Preview { get; init; } = [];

    /// <summary>The chain that ran, in signal order.</summary>
    public IReadOnlyList<ChainStep> Chain { get; init; } = [];

    /// <summary>An album title's plan, songs against the album, and disc; null for any other title.</summary>
    public AlbumSummary? Album { get; init; }

    /// <summary>Reads a report; null when there is none or it is not a mastering report.</summary>
    public static TitleReport? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("output", out _))
        {
            return null;
        }

        var target = Get(root, "target");
        return new TitleReport(
            LoudnessFigures.From(Get(root, "input")),
            LoudnessFigures.From(Get(root, "output")),
            Text(target, "name"),
            Number(target, "integrated_lufs"),
            Number(target, "ceiling_dbtp"),
            target is { } t && t.TryGetProperty("met", out var met) && met.ValueKind is JsonValueKind.True or JsonValueKind.False ? met.GetBoolean() : null,
            Text(target, "note"),
            Number(root, "gain_db"),
            [.. Items(root, "qc").Select(f => new QcItem(Text(f, "stage") ?? "master", Text(f, "kind") ?? "?", Text(f, "severity") ?? "info",
                Number(f, "start_s") ?? 0, Number(f, "end_s"), Number(f, "channel") is { } c ? (int)c : null, Text(f, "detail")))],
            // An album's files are its tracks (the disc's are under Album).
            Get(root, "deliverables") is null && Get(root, "album") is { } album ? AlbumSummary.Tracks(album) : [.. Items(root, "deliverables").Select(d => new DeliverableItem(Text(d, "label") ?? "?", Text(d, "format") ?? "?", Text(d, "path") ?? string.Empty,
                Text(d, "sha256") ?? string.Empty, Number(d, "bytes") is { } b ? (long)b : 0, Number(d, "sample_rate") is { } r ? (int)r : 0,
                Number(d, "bit_depth") is { } bits ? (int)bits : null, Number(d, "bitrate_kbps") is { } kbps ? (int)kbps : null,
                Number(d, "integrated_lufs"), Number(d, "true_peak_dbtp")))])
        {
            Album = AlbumSummary.From(Get(root, "album")),
            Preview = [.. Items(root, "preview").Select(p => new PreviewItem(Text(p, "platform") ?? "?", Number(p, "reference_lufs"), Number(p, "playback_gain_db"),
                Number(p, "playback_lufs"), Number(p, "playback_true_peak_dbtp"), Text(p, "note")))],
            Chain = [.. Items(root, "chain").Select(c => new ChainStep(Text(c, "stage") ?? "?", Text(c, "settings") ?? string.Empty, Text(c, "result")))],
        };
    }

    internal static JsonElement? Get(JsonElement? o, string name) =>
        o is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    internal static double? Number(JsonElement? o, string name) => Get(o, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    internal static string? Text(JsonElement? o, string name) => Get(o, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    internal static JsonElement[] Items(JsonElement? o, string name) =>
        Get(o, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().ToArray() : [];
}

/// <summary>The loudness figures of a programme (EBU R128): null where the level does not exist (silence).</summary>
public sealed record LoudnessFigures(double? IntegratedLufs, double? RangeLu, double? MaxMomentaryLufs, double? MaxShortTermLufs, double? TruePeakDbtp, double? PlrDb, double? DurationSeconds)
{
    internal static LoudnessFigures? From(JsonElement? o) => o is null ? null : new(
        TitleReport.Number(o, "integrated_lufs"), TitleReport.Number(o, "loudness_range_lu"), TitleReport.Number(o, "max_momentary_lufs"),
        TitleReport.Number(o, "max_short_term_lufs"), TitleReport.Number(o, "true_peak_dbtp"), TitleReport.Number(o, "plr_db"), TitleReport.Number(o, "duration_s"));
}

/// <summary>A QC finding: where it was found (input, master or a deliverable), what, how bad, when.</summary>
public sealed record QcItem(string Stage, string Kind, string Severity, double StartSeconds, double? EndSeconds, int? Channel, string? Detail);

/// <summary>A delivered file as its report lists it.</summary>
public sealed record DeliverableItem(string Label, string Format, string Path, string Sha256, long Bytes, int SampleRate, int? BitDepth, int? BitrateKbps, double? IntegratedLufs, double? TruePeakDbtp);

/// <summary>A streaming service's playback of the master: its reference level, the gain it applies, what the listener hears.</summary>
public sealed record PreviewItem(string Platform, double? ReferenceLufs, double? PlaybackGainDb, double? PlaybackLufs, double? PlaybackTruePeakDbtp, string? Note);

/// <summary>A stage of the mastering chain: its settings and what it did.</summary>
public sealed record ChainStep(string Stage, string Settings, string? Result);
