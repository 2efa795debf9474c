namespace RenderFarm.Contracts;

/// <summary>
/// Event: a task's render failed. <c>Reason</c> is for a person to act on (it names the file and the
/// field); <c>Retryable</c> is false when trying again cannot help (a bad document, a missing file);
/// <c>Log</c> is the worker's log of the attempt, with where the failure was thrown.
/// </summary>
public sealed record RenderFailed(string TaskId, int Attempt, string Worker, string Reason, bool Retryable, string? Log = null);
