using System.Runtime.CompilerServices;

namespace RenderFarm.Dashboard.Tests;

/// <summary>
/// Set once for the test assembly: enough pool threads from the start for bUnit's renderer (the pages
/// refresh every 50 ms on the pool, and on two cores shared with the other test processes the pool's slow
/// growth starved the renderer's dispatcher, so a wait's check never ran), and waits of 10 s (they end as
/// soon as they pass; bUnit's default second was too short there).
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
        Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }
}
