namespace RenderFarm.Worker;

/// <summary>A renewal's answer: go on, or stop (with why).</summary>
public sealed record LeaseVerdict(bool Stop, string? Reason)
{
    public static readonly LeaseVerdict Continue = new(false, null);
}
