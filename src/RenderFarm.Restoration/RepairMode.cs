namespace RenderFarm.Restoration;

/// <summary>Whether a repair runs: never, when the analysis finds it needed, or always.</summary>
public enum RepairMode
{
    Off,
    Auto,
    On,
}
