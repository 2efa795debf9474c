using RenderFarm.Dashboard;
using RenderFarm.Dashboard.Data;
using RenderFarm.Host.Dashboard;
using RenderFarm.Host.Api;
using RenderFarm.Host.Hosting;
using RenderFarm.Host.Security;

// The content root is the application's folder, not the working directory: a host started in a media
// folder would otherwise watch every file written below it for configuration changes.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddRenderFarm();

// The dashboard's scripts and styles (Blazor's, MudBlazor's) come from the static web assets manifest of
// the build; a published host has them in its wwwroot and no manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddRenderFarmDashboard();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidation>();
builder.Services.AddSingleton<DashboardBackend>();
builder.Services.AddSingleton<IMediaLibrary>(sp => sp.GetRequiredService<DashboardBackend>());
builder.Services.AddSingleton<ICatalogSubmitter>(sp => sp.GetRequiredService<DashboardBackend>());
builder.Services.AddSingleton<IProfileLibrary>(sp => sp.GetRequiredService<DashboardBackend>());
var app = builder.Build();
app.UseClusterUnavailableAnswers();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapRenderFarmApi();
app.MapFarmSecurity();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
