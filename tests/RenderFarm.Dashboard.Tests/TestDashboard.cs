using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Tests;

/// <summary>
/// A bUnit context with the dashboard's services: MudBlazor, a fake farm and library, and a fake clock: an open page
/// reads the farm again each time the test moves <see cref="Time"/> by the refresh interval (<see cref="Refresh"/>).
/// </summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    public TestDashboard()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton<IFarmView>(Farm);
        Context.Services.AddSingleton<IMediaLibrary>(Library);
        Context.Services.AddSingleton<ICatalogSubmitter>(Library);
        Context.Services.AddSingleton<IProfileLibrary>(Library);
        Context.Services.AddSingleton<TimeProvider>(Time);
        Context.Services.Configure<DashboardOptions>(o => o.RefreshInterval = Interval);
        Context.Render<MudPopoverProvider>();
    }

    public BunitContext Context { get; } = new();

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Moves the clock by the refresh interval: every open page reads the farm again.</summary>
    public void Refresh() => Time.Advance(Interval);

    public FakeFarm Farm { get; } = new();

    /// <summary>Half an hour after the fake catalogues were created.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public FakeLibrary Library { get; } = new();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
