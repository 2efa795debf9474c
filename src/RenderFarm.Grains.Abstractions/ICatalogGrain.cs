namespace RenderFarm.Grains;

/// <summary>A catalogue (a batch of titles): fans out to its titles and follows them. Keyed by the catalogue id.</summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    Task<CatalogSnapshot> Submit(CatalogSpec spec);

    /// <summary>A title's state changed (sent by the title's courier until taken; an older snapshot after a newer one is ignored).</summary>
    Task TitleChanged(TitleSnapshot title);

    /// <summary>The catalogue with every title (a catalogue of thousands is large: views read <see cref="GetSummary"/> and <see cref="GetTitles"/>).</summary>
    Task<CatalogSnapshot> GetSnapshot();

    /// <summary>The catalogue without its titles: counts, progress, loudness figures.</summary>
    Task<CatalogSummary> GetSummary();

    /// <summary>A page of the catalogue's titles, of a status and matching a search.</summary>
    Task<TitlePage> GetTitles(TitleQuery query);

    Task Cancel();

    /// <summary>Holds back new work (running tasks finish); <see cref="Unpause"/> lets it go on.</summary>
    Task Pause();

    Task Unpause();

    /// <summary>Starts every failed or cancelled title again.</summary>
    Task RetryFailed();

    Task SetPriority(int priority);

    /// <summary>Renders every ended title again (<see cref="ITitleGrain.Rerender"/>).</summary>
    Task Rerender();

    /// <summary>
    /// After a restart: goes on starting the titles it had not started. Its running titles are recovered
    /// one by one by the caller (<see cref="ITitleGrain.Recover"/>), so no call outlives the call timeout
    /// however many titles the catalogue holds.
    /// </summary>
    Task Recover();
}
