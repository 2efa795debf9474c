using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Tests;

/// <summary>A bUnit context with the dashboard's services: MudBlazor, a fake farm and library, pages refreshed every 50 ms (or as asked).</summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    public TestDashboard(TimeSpan? refresh = null)
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton<IFarmView>(Farm);
        Context.Services.AddSingleton<IMediaLibrary>(Library);
        Context.Services.AddSingleton<ICatalogSubmitter>(Library);
        Context.Services.AddSingleton<IProfileLibrary>(Library);
        Context.Services.AddSingleton<TimeProvider>(Time);
        Context.Services.Configure<DashboardOptions>(o => o.RefreshInterval = refresh ?? TimeSpan.FromMilliseconds(50));
        Context.Render<MudPopoverProvider>();
    }

    public BunitContext Context { get; } = new();

    public FakeFarm Farm { get; } = new();

    /// <summary>Half an hour after the fake catalogues were created.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public FakeLibrary Library { get; } = new();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
