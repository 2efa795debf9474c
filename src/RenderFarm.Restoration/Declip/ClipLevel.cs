namespace RenderFarm.Restoration.Declip;

/// <summary>Where a channel was clipped: its positive and negative clip levels (null: not clipped that way).</summary>
public readonly record struct ClipLevel(double? Positive, double? Negative)
{
    public bool Any => Positive is not null || Negative is not null;
}
