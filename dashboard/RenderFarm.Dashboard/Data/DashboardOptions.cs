namespace RenderFarm.Dashboard.Data;

/// <summary>How the dashboard behaves (<c>Dashboard:</c> in the host's configuration): how often an open page reads the farm again.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Between reads of an open page (<c>Dashboard:RefreshInterval</c>, e.g. <c>00:00:01</c>): 10 ms to 1 min.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
