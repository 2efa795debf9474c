namespace RenderFarm.Contracts;

/// <summary>Event: a worker's progress on a task (throttled), which is also its heartbeat.</summary>
public sealed record RenderProgressed(string TaskId, int Attempt, string Worker, double Fraction);
