namespace RenderFarm.Grains.Catalogs;

/// <summary>Every catalogue's id, in the order they were submitted.</summary>
public sealed class CatalogIndexGrain([PersistentState("index", FarmStorage.Name)] IPersistentState<CatalogIndexState> state) : Grain, ICatalogIndexGrain
{
    public async Task Add(string catalogId)
    {
        if (!state.State.Ids.Contains(catalogId))
        {
            state.State.Ids.Add(catalogId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Ids]);
}
