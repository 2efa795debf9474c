namespace RenderFarm.Worker;

/// <summary>How a silo's workers run: the media root every path is relative to, their name, heartbeat and how many renders at once.</summary>
public sealed class WorkerOptions
{
    /// <summary>The shared media folder: sources are read and outputs written only inside it.</summary>
    public string MediaRoot { get; set; } = string.Empty;

    /// <summary>This worker's name in task records; default: the machine's name and the process id.</summary>
    public string? Name { get; set; }

    /// <summary>How often a running render renews its claim's lease with its progress (its heartbeat); a render its task stops ends within about this long.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Renders at once in this process, all kinds together; default: one per core.</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Fault injection for chaos runs (off: 0). This share of tasks, in percent, chosen by their id, hangs on
    /// its first attempt: claimed, then silent (no heartbeat) for <see cref="HangFor"/>, after which the worker
    /// goes on as a stalled process that wakes up would (its task, which has given the work to another attempt
    /// meanwhile, tells it to stop: it must change nothing).
    /// </summary>
    public double HangPercent { get; set; }

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether attempt <paramref name="attempt"/> of <paramref name="taskId"/> is one <see cref="HangPercent"/> picks.</summary>
    public bool Hangs(string taskId, int attempt)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        if (HangPercent <= 0 || attempt != 1)
        {
            return false;
        }

        // FNV-1a of the id: the same tasks on every silo and every run.
        var hash = 2166136261u;
        foreach (var c in taskId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 10_000 < HangPercent * 100;
    }

    public string WorkerName => Name ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}
