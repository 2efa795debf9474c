namespace RenderFarm.Worker;

/// <summary>How a silo's workers run: the media root every path is relative to, their name, heartbeat and how many renders at once.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>The shared media folder: sources are read and outputs written only inside it.</summary>
    public string MediaRoot { get; set; } = string.Empty;

    /// <summary>This worker's name in task records; default: the machine's name and the process id.</summary>
    public string? Name { get; set; }

    /// <summary>How often a running render reports progress (its heartbeat).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Renders at once in this process, all kinds together; default: one per core.</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    public string WorkerName => Name ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}
