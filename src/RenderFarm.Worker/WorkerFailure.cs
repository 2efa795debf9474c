namespace RenderFarm.Worker;

/// <summary>A render that failed on this worker.</summary>
public sealed record WorkerFailure(string TaskId, int Attempt, string Reason, bool Retryable, DateTimeOffset At);
