using System.Runtime.CompilerServices;

namespace RenderFarm.Dashboard.Tests;

/// <summary>Set once for the test assembly: waits of up to 10 s (they end as soon as they pass; bUnit's default second is short on two cores shared with other test processes).</summary>
internal static class BunitDefaults
{
    [ModuleInitializer]
    internal static void Set() => Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
