using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>
/// A page that reads the farm when it opens and again every <see cref="DashboardOptions.RefreshInterval"/>
/// while it is open, so a change shows within about a second without a reload. A failed read keeps the
/// last state on screen and says why.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private Task? _loop;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    // (the pages' own clock: a test moves it to make a page read again)
    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Why the last read failed, or null.</summary>
    protected string? LoadError { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _closed.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task Load(CancellationToken cancellationToken);

    protected override async Task OnParametersSetAsync()
    {
        await Read();
        _loop ??= Loop();
    }

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(Options.Value.RefreshInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                await InvokeAsync(async () =>
                {
                    await Read();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    private async Task Read()
    {
        try
        {
            await Load(_closed.Token);
            LoadError = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LoadError = $"The farm did not answer ({e.Message}); showing what it said last.";
        }
    }
}
