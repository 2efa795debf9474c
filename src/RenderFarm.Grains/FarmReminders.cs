namespace RenderFarm.Grains;

/// <summary>
/// The reminders that find work no grain watches any more (its silo died with the grains that held its
/// timers): a running title asks its stage's tasks to check their clocks every <see cref="TitlePeriod"/>,
/// so a task whose grain and worker died together is dispatched again within that and its lease, not a
/// minute later. Orleans refuses reminders shorter than its minimum period (a minute by default): every
/// silo that hosts these grains sets <see cref="MinimumPeriod"/>.
/// </summary>
public static class FarmReminders
{
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan TitlePeriod = TimeSpan.FromSeconds(15);
}
