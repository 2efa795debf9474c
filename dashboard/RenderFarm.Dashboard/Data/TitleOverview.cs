using System.Text.Json;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>What the title page draws (overview.json, written by the master task): the input and the master, and the target.</summary>
public sealed record TitleOverview(double? TargetLufs, double? CeilingDbtp, ProgrammeView? Input, ProgrammeView? Output)
{
    /// <summary>The largest overview.json read (a two-hour title's is well under 1 MB).</summary>
    public const long MaxBytes = 8 << 20;

    /// <summary>The title's overview.json among its outputs (the master task writes it beside report.json), or null.</summary>
    public static TaskOutput? OutputOf(TitleSnapshot? title) =>
        title?.Outputs.LastOrDefault(o => o.Path == "overview.json" || o.Path.EndsWith("/overview.json", StringComparison.Ordinal));

    /// <summary>Reads an overview; null when it is not one (a newer or older version, or not JSON).</summary>
    public static TitleOverview? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (TitleReport.Number(root, "version") != 1)
            {
                return null;
            }

            return new TitleOverview(TitleReport.Number(root, "target_lufs"), TitleReport.Number(root, "ceiling_dbtp"),
                ProgrammeView.From(TitleReport.Get(root, "input")), ProgrammeView.From(TitleReport.Get(root, "output")));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One programme (input or master): waveform peaks, long-term spectrum and loudness over time.</summary>
public sealed record ProgrammeView(
    double DurationSeconds,
    double BucketSeconds,
    float[] Min,
    float[] Max,
    float[] Rms,
    double[] SpectrumHz,
    double?[] SpectrumDb,
    double LoudnessIntervalSeconds,
    double?[] MomentaryLufs,
    double?[] ShortTermLufs)
{
    internal static ProgrammeView? From(JsonElement? o)
    {
        if (o is null)
        {
            return null;
        }

        var waveform = TitleReport.Get(o, "waveform");
        var spectrum = TitleReport.Get(o, "spectrum");
        var loudness = TitleReport.Get(o, "loudness");
        return new ProgrammeView(
            TitleReport.Number(o, "duration_s") ?? 0,
            TitleReport.Number(waveform, "bucket_s") ?? 0,
            Floats(waveform, "min"),
            Floats(waveform, "max"),
            Floats(waveform, "rms"),
            [.. Numbers(spectrum, "hz").Select(v => v ?? 0)],
            Numbers(spectrum, "db"),
            TitleReport.Number(loudness, "interval_s") ?? 0.1,
            Numbers(loudness, "momentary_lufs"),
            Numbers(loudness, "short_term_lufs"));
    }

    private static double?[] Numbers(JsonElement? o, string name) =>
        TitleReport.Get(o, name) is { ValueKind: JsonValueKind.Array } a
            ? [.. a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null)]
            : [];

    private static float[] Floats(JsonElement? o, string name) => [.. Numbers(o, name).Select(v => (float)(v ?? 0))];
}
