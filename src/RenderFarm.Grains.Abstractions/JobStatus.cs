namespace RenderFarm.Grains;

/// <summary>Where a task, title or catalogue stands.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
