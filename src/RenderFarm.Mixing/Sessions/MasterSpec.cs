using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Inserts;

namespace RenderFarm.Mixing.Sessions;

/// <summary>The master bus: everything ends here, through its inserts and fader, into the stereo mix.</summary>
public sealed record MasterSpec
{
    public IReadOnlyList<InsertSpec> Inserts { get; init; } = [];

    public double GainDb { get; init; }

    public IReadOnlyList<AutomationLane> Automation { get; init; } = [];
}
