namespace RenderFarm.Dashboard.Data;

/// <summary>A stage of the mastering chain: its settings and what it did.</summary>
public sealed record ChainStep(string Stage, string Settings, string? Result);
