namespace RenderFarm.Grains.Catalogs;

/// <summary>
/// Tells the outside world a catalogue ended (a webhook in a host). The catalogue keeps the call in a
/// persisted outbox and calls again until a call returns; the key is the same for every call about the
/// same end, so the receiver can tell a repeat from a new end.
/// </summary>
public interface ICatalogNotifier
{
    /// <summary>Delivers the snapshot once (one try); throws when it was not taken.</summary>
    Task Deliver(string webhook, CatalogSnapshot catalog, string idempotencyKey, CancellationToken cancellationToken);
}
