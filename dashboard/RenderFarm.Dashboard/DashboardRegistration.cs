using Microsoft.Extensions.DependencyInjection;
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
        services.AddOptions<DashboardOptions>();
        services.AddScoped<IFarmView, GrainFarmView>();
        return services;
    }
}
