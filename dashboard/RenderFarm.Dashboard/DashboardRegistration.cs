using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard;

/// <summary>Registers the dashboard's services in a host that has Orleans' grain factory and authentication (the pages ask the signed-in account's roles).</summary>
public static class DashboardRegistration
{
    public static IServiceCollection AddRenderFarmDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => o.RefreshInterval >= TimeSpan.FromMilliseconds(10) && o.RefreshInterval <= TimeSpan.FromMinutes(1),
                "Dashboard:RefreshInterval must be 00:00:00.010 to 00:01:00 (how often an open page reads the farm)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IFarmView, GrainFarmView>();
        return services;
    }
}
