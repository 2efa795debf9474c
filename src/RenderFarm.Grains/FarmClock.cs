namespace RenderFarm.Grains;

/// <summary>The time the farm's grains go by: a <see cref="TimeProvider"/> of the host's choosing (a fake one in tests), apart from Orleans' own.</summary>
public sealed class FarmClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}
