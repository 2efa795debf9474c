namespace RenderFarm.Grains;

/// <summary>The list of every catalogue's id, newest last (one grain, key 0).</summary>
public interface ICatalogIndexGrain : IGrainWithIntegerKey
{
    Task Add(string catalogId);

    Task<IReadOnlyList<string>> List();
}
