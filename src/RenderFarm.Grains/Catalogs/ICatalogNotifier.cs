namespace RenderFarm.Grains.Catalogs;

/// <summary>Tells the outside world a catalogue ended (a webhook in a host); must not block the grain.</summary>
public interface ICatalogNotifier
{
    void Ended(string webhook, CatalogSnapshot catalog);
}
