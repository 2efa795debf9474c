namespace RenderFarm.Grains;

/// <summary>What a <see cref="JobStatus"/> means for the work: whether it has ended, and whether it may be tried again.</summary>
public static class JobStatusExtensions
{
    /// <summary>Succeeded, failed or cancelled: nothing more happens unless a person asks for it.</summary>
    public static bool IsFinal(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Failed or cancelled: a retry may start it again.</summary>
    public static bool IsRetryable(this JobStatus status) => status is JobStatus.Failed or JobStatus.Cancelled;
}
