using RenderFarm.Audio.Documents;
using RenderFarm.Restoration;
using RenderFarm.Restoration.Declick;
using RenderFarm.Restoration.Denoise;

namespace RenderFarm.Mastering.Profiles;

/// <summary>
/// Reads a profile's <c>restore</c> section: each repair <c>"auto"</c> (the default: when the analysis finds it
/// needed), <c>"on"</c> or <c>"off"</c> (declick, declip, dehum, denoise, dc, polarity, azimuth), and their settings:
/// <c>dehum_mains_hz</c> (50 or 60), <c>denoise_reduction_db</c>, <c>noise_profile_s</c> ([start, end]),
/// <c>declick_threshold</c>, <c>max_click_ms</c>.
/// </summary>
internal static class RestoreSection
{
    public static RestoreSettings Read(JsonObjectReader o)
    {
        var passage = o.Numbers("noise_profile_s", 2, 0, 86400, "s");
        if (passage is { } p && (p.Count != 2 || p[1] - p[0] < 0.2))
        {
            throw o.Error(o.Field("noise_profile_s"), "is [start, end] in seconds, the passage 0.2 s or longer");
        }

        var mains = o.Integer("dehum_mains_hz", 50, 60, "Hz");
        if (mains is not (null or 50 or 60))
        {
            throw o.Error(o.Field("dehum_mains_hz"), $"{mains} Hz is not a mains frequency: accepted 50 or 60");
        }

        var defaults = new RestoreSettings();
        var settings = new RestoreSettings
        {
            Declick = Mode(o, "declick"),
            Declip = Mode(o, "declip"),
            Dehum = Mode(o, "dehum"),
            Denoise = Mode(o, "denoise"),
            Dc = Mode(o, "dc"),
            Polarity = Mode(o, "polarity"),
            Azimuth = Mode(o, "azimuth"),
            MainsHz = mains,
            DeclickSettings = new DeclickSettings
            {
                Threshold = o.Number("declick_threshold", 3, 100) ?? defaults.DeclickSettings.Threshold,
                MaxClickMs = o.Number("max_click_ms", 0.05, 10, "ms") ?? defaults.DeclickSettings.MaxClickMs,
            },
            DenoiseSettings = new DenoiseSettings
            {
                ReductionDb = o.Number("denoise_reduction_db", 1, 40, "dB") ?? defaults.DenoiseSettings.ReductionDb,
                ProfileStartS = passage?[0],
                ProfileEndS = passage?[1],
            },
        };
        o.NoOtherFields();
        return settings;
    }

    private static RepairMode Mode(JsonObjectReader o, string name) => o.Choice(name, "auto", "on", "off") switch
    {
        "on" => RepairMode.On,
        "off" => RepairMode.Off,
        _ => RepairMode.Auto,
    };
}
