using RenderFarm.Restoration.Declick;

namespace RenderFarm.Restoration;

/// <summary>
/// Which repairs a restore runs and how. <see cref="Auto"/> (no repair named) runs every repair the analysis
/// finds needed; naming repairs runs those and no others.
/// </summary>
public sealed record RestoreSettings
{
    public RepairMode Declick { get; init; } = RepairMode.Auto;

    public DeclickSettings DeclickSettings { get; init; } = new();

    /// <summary>DC and drift removed with a linear-phase high-pass.</summary>
    public RepairMode Dc { get; init; } = RepairMode.Auto;

    /// <summary>A channel in opposite polarity to the other turned over (stereo).</summary>
    public RepairMode Polarity { get; init; } = RepairMode.Auto;

    /// <summary>Every repair the analysis finds needed.</summary>
    public static RestoreSettings Auto { get; } = new();

    /// <summary>Only the repairs named, each always.</summary>
    public static RestoreSettings Only(bool declick, bool dc, bool polarity) => new()
    {
        Declick = declick ? RepairMode.On : RepairMode.Off,
        Dc = dc ? RepairMode.On : RepairMode.Off,
        Polarity = polarity ? RepairMode.On : RepairMode.Off,
    };

    public void Validate(string path = "restore") => DeclickSettings.Validate($"{path}.declick");
}
