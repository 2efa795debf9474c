using System.Collections.Concurrent;

namespace RenderFarm.Grains.Tests;

/// <summary>The fault cluster's bus: every silo's commands with the silo that sent them, and publishes made to hang, so a test knows which silo to kill.</summary>
internal sealed class SiloBus
{
    private Func<string, bool>? _hang;

    internal ConcurrentQueue<(string TaskId, int Attempt, SiloAddress Silo)> SentQueue { get; } = new();

    internal ConcurrentDictionary<string, SiloAddress> HangingOn { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string TaskId, int Attempt, SiloAddress Silo)> Sent => [.. SentQueue];

    /// <summary>The silo where a publish for each task hangs now.</summary>
    public IReadOnlyDictionary<string, SiloAddress> Hanging => HangingOn;

    /// <summary>Publishes of tasks that <paramref name="when"/> picks hang until cancelled (null: none hang).</summary>
    public void Hang(Func<string, bool>? when) => _hang = when;

    internal bool Hangs(string taskId) => _hang?.Invoke(taskId) == true;
}
