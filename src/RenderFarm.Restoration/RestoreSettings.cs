using RenderFarm.Restoration.Declick;
using RenderFarm.Restoration.Declip;
using RenderFarm.Restoration.Denoise;

namespace RenderFarm.Restoration;

/// <summary>
/// Which repairs a restore runs and how. <see cref="Auto"/> (no repair named) runs every repair the analysis
/// finds needed; naming repairs runs those and no others.
/// </summary>
public sealed record RestoreSettings
{
    public RepairMode Declick { get; init; } = RepairMode.Auto;

    public DeclickSettings DeclickSettings { get; init; } = new();

    /// <summary>Clipped runs rebuilt, consistent with the clip (the output is then 32-bit float, for the headroom).</summary>
    public RepairMode Declip { get; init; } = RepairMode.Auto;

    public DeclipSettings DeclipSettings { get; init; } = new();

    /// <summary>Mains hum (50 or 60 Hz and harmonics, tracked as it drifts) notched out.</summary>
    public RepairMode Dehum { get; init; } = RepairMode.Auto;

    /// <summary>The mains frequency when known (50 or 60 Hz); null: found by the analysis.</summary>
    public double? MainsHz { get; init; }

    /// <summary>DC and drift removed with a linear-phase high-pass.</summary>
    public RepairMode Dc { get; init; } = RepairMode.Auto;

    /// <summary>A channel in opposite polarity to the other turned over (stereo).</summary>
    public RepairMode Polarity { get; init; } = RepairMode.Auto;

    /// <summary>Broadband noise (hiss, surface noise) reduced by spectral gains against a noise profile; auto runs it on a steady floor only.</summary>
    public RepairMode Denoise { get; init; } = RepairMode.Auto;

    public DenoiseSettings DenoiseSettings { get; init; } = new();

    /// <summary>A stereo tape transfer's inter-channel delay (head azimuth) measured and corrected; auto only where the channels are coherent.</summary>
    public RepairMode Azimuth { get; init; } = RepairMode.Auto;

    /// <summary>Every repair the analysis finds needed.</summary>
    public static RestoreSettings Auto { get; } = new();

    /// <summary>Only the repairs named, each always.</summary>
    public static RestoreSettings Only(bool declick = false, bool dc = false, bool polarity = false, bool declip = false, bool dehum = false, bool denoise = false, bool azimuth = false) => new()
    {
        Azimuth = azimuth ? RepairMode.On : RepairMode.Off,
        Denoise = denoise ? RepairMode.On : RepairMode.Off,
        Dehum = dehum ? RepairMode.On : RepairMode.Off,
        Declick = declick ? RepairMode.On : RepairMode.Off,
        Declip = declip ? RepairMode.On : RepairMode.Off,
        Dc = dc ? RepairMode.On : RepairMode.Off,
        Polarity = polarity ? RepairMode.On : RepairMode.Off,
    };

    public void Validate(string path = "restore")
    {
        DeclickSettings.Validate($"{path}.declick");
        DeclipSettings.Validate($"{path}.declip");
        DenoiseSettings.Validate($"{path}.denoise");
        if (MainsHz is { } mains && mains != 50.0 && mains != 60.0)
        {
            throw new ArgumentOutOfRangeException(nameof(path), mains, $"{path}.dehum mains frequency {mains} Hz is not one: accepted 50 or 60 Hz (or auto)");
        }
    }
}
