using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Inserts;

namespace RenderFarm.Mixing.Sessions;

/// <summary>One track of a session: its source and regions, input trim, polarity, inserts, fader, pan, sends, automation and mutes.</summary>
public sealed record TrackSpec
{
    public required string Name { get; init; }

    /// <summary>The source audio file, relative to the session file's folder.</summary>
    public required string Source { get; init; }

    /// <summary>Where the source plays; empty plays the whole file from the session's start.</summary>
    public IReadOnlyList<RegionSpec> Regions { get; init; } = [];

    public double TrimDb { get; init; }

    public bool InvertPolarity { get; init; }

    public IReadOnlyList<InsertSpec> Inserts { get; init; } = [];

    public double GainDb { get; init; }

    /// <summary>-1 (left) to 1 (right); on a stereo source it is a balance.</summary>
    public double Pan { get; init; }

    public bool Mute { get; init; }

    public bool Solo { get; init; }

    public IReadOnlyList<SendSpec> Sends { get; init; } = [];

    /// <summary>Where the track's output goes: <c>master</c> or a bus name.</summary>
    public string Output { get; init; } = SessionSpec.MasterName;

    public IReadOnlyList<AutomationLane> Automation { get; init; } = [];

    /// <summary>Arrangement mutes: stretches where the track is silent (5 ms ramps at the edges).</summary>
    public IReadOnlyList<TimeRange> Mutes { get; init; } = [];
}
