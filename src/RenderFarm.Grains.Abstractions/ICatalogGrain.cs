namespace RenderFarm.Grains;

/// <summary>A catalogue (a batch of titles): fans out to its titles and follows them. Keyed by the catalogue id.</summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    Task<CatalogSnapshot> Submit(CatalogSpec spec);

    /// <summary>A title's state changed (sent by the title's courier until taken; an older snapshot after a newer one is ignored).</summary>
    Task TitleChanged(TitleSnapshot title);

    Task<CatalogSnapshot> GetSnapshot();

    Task Cancel();

    /// <summary>Holds back new work (running tasks finish); <see cref="Unpause"/> lets it go on.</summary>
    Task Pause();

    Task Unpause();

    /// <summary>Starts every failed or cancelled title again.</summary>
    Task RetryFailed();

    Task SetPriority(int priority);

    /// <summary>Renders every ended title again (<see cref="ITitleGrain.Rerender"/>).</summary>
    Task Rerender();

    /// <summary>After a restart: recovers every title still running.</summary>
    Task Recover();
}
