namespace RenderFarm.Dashboard.Data;

/// <summary>How the dashboard behaves: how often an open page reads the farm again.</summary>
public sealed class DashboardOptions
{
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
