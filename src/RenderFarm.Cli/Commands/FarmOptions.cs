using System.CommandLine;

namespace RenderFarm.Cli.Commands;

/// <summary>Options the farm commands share.</summary>
internal static class FarmOptions
{
    public static Option<string?> Server() => new("--server", "-s") { Description = $"The farm's URL (default: RENDERFARM_SERVER, else a local host at {FarmClient.DefaultServer})" };
}
