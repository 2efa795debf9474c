namespace RenderFarm.Contracts;

/// <summary>Event: a task's render finished; its outputs (path and SHA-256) and its report as JSON.</summary>
public sealed record RenderCompleted(string TaskId, int Attempt, string Worker, IReadOnlyList<RenderOutput> Outputs, string ReportJson, double Seconds);
