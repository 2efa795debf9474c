using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Inserts;

namespace RenderFarm.Mixing.Sessions;

/// <summary>A stereo bus: what tracks and sends feed it goes through its inserts, fader and balance to its output.</summary>
public sealed record BusSpec
{
    public required string Name { get; init; }

    public IReadOnlyList<InsertSpec> Inserts { get; init; } = [];

    public double GainDb { get; init; }

    public double Pan { get; init; }

    public bool Mute { get; init; }

    /// <summary><c>master</c> or another bus (no cycles).</summary>
    public string Output { get; init; } = SessionSpec.MasterName;

    public IReadOnlyList<AutomationLane> Automation { get; init; } = [];
}
