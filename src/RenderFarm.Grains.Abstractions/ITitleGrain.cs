using Orleans.Concurrency;

namespace RenderFarm.Grains;

/// <summary>
/// A title of a catalogue: a session (its tracks as separate tasks, then the mixdown, then mastering)
/// or a stereo mix (mastering). It starts each stage's tasks, follows them, and tells its catalogue
/// when its state changes. Keyed <c>catalogue/NNNN</c>.
/// </summary>
public interface ITitleGrain : IGrainWithStringKey
{
    Task<TitleSnapshot> Start(TitleSpec spec, string catalogId, int priority, TaskPolicy policy);

    /// <summary>A task of this title ended (sent by the task's courier until taken; taking it twice is harmless).</summary>
    Task TaskEnded(RenderTaskSnapshot task);

    /// <summary>A task of this title made progress (one-way).</summary>
    [OneWay]
    Task TaskProgressed(string taskId, double fraction);

    /// <summary>Holds back new work (running tasks finish); <see cref="Unpause"/> lets it go on.</summary>
    Task Pause();

    Task Unpause();

    /// <summary>The priority of the tasks the title dispatches from now on.</summary>
    Task SetPriority(int priority);

    Task Cancel();

    /// <summary>Starts a failed or cancelled title again from the stage that failed.</summary>
    Task Retry();

    /// <summary>
    /// Renders an ended title again from its first stage with new tasks (its session may have changed):
    /// tracks whose source and settings did not change come from the workers' stem cache.
    /// </summary>
    Task Rerender();

    /// <summary>After a restart: starts a stage that had not started and recovers the tasks still out.</summary>
    Task Recover();

    Task<TitleSnapshot> GetSnapshot();

    /// <summary>The snapshot, or null for a title never started (its start never reached the store).</summary>
    Task<TitleSnapshot?> Find();
}
