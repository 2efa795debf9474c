namespace RenderFarm.Mixing.Sessions;

/// <summary>A stretch of the timeline in seconds (an arrangement mute).</summary>
public sealed record TimeRange(double StartSeconds, double EndSeconds);
