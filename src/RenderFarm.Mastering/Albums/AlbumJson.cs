using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// The JSON of an album job: the whole <see cref="AlbumReport"/> in snake case under <c>album</c>, with the
/// headline figures where a title's mastering report has them (<c>input</c>, <c>output</c>, <c>target</c>,
/// <c>qc</c>: each outlier a warning, then every song's findings, its mix's and its files', staged by track),
/// so the farm and the dashboard read an album as they read a title.
/// </summary>
public static class AlbumJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="report">The album job's report.</param>
    /// <param name="relative">Turns a file's path into the one to show (e.g. relative to the media root).</param>
    public static JsonObject Build(AlbumReport report, Func<string, string>? relative = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var show = relative ?? (p => p);
        var shown = report with
        {
            Songs = report.Songs.Select(s => s with { InputPath = show(s.InputPath) }).ToArray(),
            Tracks = report.Tracks.Select(d => d with { Path = show(d.Path) }).ToArray(),
            Reference = report.Reference is { } r ? r with { Path = show(r.Path) } : null,
            Disc = report.Disc is { } d ? d with { ImageWav = show(d.ImageWav), CueSheet = show(d.CueSheet), DdpFolder = d.DdpFolder is { } f ? show(f) : null } : null,
        };
        var met = report.Note is null && report.Songs.All(s => s.TargetMet) && (report.TargetLufs is not { } t || report.Mode != AlbumLoudnessMode.Album || Math.Abs(report.AlbumLufs - t) <= 0.1);
        return new JsonObject
        {
            ["input"] = new JsonObject { ["integrated_lufs"] = Finite(report.InputAlbumLufs) },
            ["output"] = new JsonObject
            {
                ["integrated_lufs"] = Finite(report.AlbumLufs),
                ["true_peak_dbtp"] = Finite(report.AlbumTruePeakDbtp),
            },
            ["target"] = new JsonObject
            {
                ["name"] = report.TargetName,
                ["integrated_lufs"] = report.TargetLufs,
                ["ceiling_dbtp"] = report.CeilingDbtp,
                ["mode"] = report.Mode.ToString().ToLowerInvariant(),
                ["met"] = met,
                ["note"] = report.Note,
            },
            ["qc"] = new JsonArray([
                .. report.Songs.SelectMany(s => s.Outliers.Select(o => (JsonNode)new JsonObject
                {
                    ["stage"] = "album",
                    ["kind"] = "album_outlier",
                    ["severity"] = "warning",
                    ["detail"] = $"track {s.Track} ({s.Title}): {o}",
                })),
                .. report.Songs.SelectMany(s => s.Qc.Select(f => (JsonNode)MasteringJson.Finding(f.Finding, $"{(s.Track == 0 ? "hidden track" : $"track {s.Track}")} {f.Stage}"))),
            ]),
            ["album"] = JsonSerializer.SerializeToNode(shown, Options),
        };
    }

    public static string Write(JsonObject json) => json.ToJsonString(Options);

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 3) : null;
}
