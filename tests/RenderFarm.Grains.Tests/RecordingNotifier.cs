using System.Collections.Concurrent;
using RenderFarm.Grains.Catalogs;

namespace RenderFarm.Grains.Tests;

/// <summary>Keeps the webhook calls a catalogue makes when it ends.</summary>
internal sealed class RecordingNotifier : ICatalogNotifier
{
    private readonly ConcurrentQueue<(string Webhook, CatalogSnapshot Catalog)> _calls = new();

    public IReadOnlyList<(string Webhook, CatalogSnapshot Catalog)> Calls => [.. _calls];

    public void Ended(string webhook, CatalogSnapshot catalog) => _calls.Enqueue((webhook, catalog));
}
