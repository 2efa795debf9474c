using System.Collections.Concurrent;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// The bus as each silo of the fault tests sees it: commands are recorded with the silo that sent them, and a
/// publish can be made to hang (the broker away, the publish never confirmed) so the test knows which silo to kill.
/// </summary>
internal sealed class SiloDispatcher(ILocalSiloDetails silo) : IRenderDispatcher
{
    private static readonly ConcurrentQueue<(string TaskId, int Attempt, SiloAddress Silo)> SentQueue = new();
    private static readonly ConcurrentDictionary<string, SiloAddress> HangingOn = new(StringComparer.Ordinal);
    private static Func<string, bool>? _hang;

    public static IReadOnlyList<(string TaskId, int Attempt, SiloAddress Silo)> Sent => [.. SentQueue];

    /// <summary>The silo where a publish for each task hangs now.</summary>
    public static IReadOnlyDictionary<string, SiloAddress> Hanging => HangingOn;

    /// <summary>Publishes of tasks that <paramref name="when"/> picks hang until cancelled (null: none hang).</summary>
    public static void Hang(Func<string, bool>? when) => _hang = when;

    public async Task Dispatch(string taskId, int attempt, RenderTaskSpec spec, CancellationToken cancellationToken = default)
    {
        if (_hang?.Invoke(taskId) == true)
        {
            HangingOn[taskId] = silo.SiloAddress;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                HangingOn.TryRemove(taskId, out _);
            }
        }

        SentQueue.Enqueue((taskId, attempt, silo.SiloAddress));
    }

    public Task Release(string masterDirectory) => Task.CompletedTask;
}
