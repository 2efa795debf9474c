namespace RenderFarm.Host.Api;

/// <summary>A catalogue's new priority, 0 (lowest) to 100.</summary>
public sealed record PriorityRequest(int Priority);
