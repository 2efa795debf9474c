namespace RenderFarm.Mixing.Sessions;

/// <summary>A track's send to a bus: its level, and whether it is taken before the fader (and pan) or after.</summary>
public sealed record SendSpec
{
    public required string Bus { get; init; }

    public double LevelDb { get; init; }

    public bool PreFader { get; init; }
}
