using System.Collections.Concurrent;
using RenderFarm.Grains.Catalogs;

namespace RenderFarm.Grains.Tests;

/// <summary>Keeps the webhook calls a catalogue makes when it ends; can refuse the next few (a webhook that is down).</summary>
internal sealed class RecordingNotifier : ICatalogNotifier
{
    private readonly ConcurrentQueue<(string Webhook, CatalogSnapshot Catalog, string Key)> _calls = new();
    private int _refusals;

    /// <summary>Calls taken (refused ones are not kept).</summary>
    public IReadOnlyList<(string Webhook, CatalogSnapshot Catalog, string Key)> Calls => [.. _calls];

    public int Refused { get; private set; }

    /// <summary>The next <paramref name="count"/> calls fail as a webhook that is down would.</summary>
    public void Refuse(int count) => _refusals = count;

    public Task Deliver(string webhook, CatalogSnapshot catalog, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _refusals) >= 0)
        {
            Refused++;
            throw new HttpRequestException("the webhook is down");
        }

        _calls.Enqueue((webhook, catalog, idempotencyKey));
        return Task.CompletedTask;
    }
}
