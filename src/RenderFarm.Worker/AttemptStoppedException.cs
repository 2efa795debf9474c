namespace RenderFarm.Worker;

/// <summary>The task told the worker to stop this attempt (cancelled, paused, superseded, ended): the render ends and leaves nothing.</summary>
public sealed class AttemptStoppedException(string reason) : OperationCanceledException($"the task stopped this attempt: {reason}")
{
    public string Reason { get; } = reason;
}
