namespace RenderFarm.Contracts;

/// <summary>Event: a task's render finished; its outputs (path and SHA-256), its report as JSON, and the worker's log of the attempt.</summary>
public sealed record RenderCompleted(string TaskId, int Attempt, string Worker, IReadOnlyList<RenderOutput> Outputs, string ReportJson, double Seconds, string? Log = null);
