namespace RenderFarm.Grains.Catalogs;

/// <summary>The persisted list of catalogue ids.</summary>
[GenerateSerializer]
public sealed class CatalogIndexState
{
    [Id(0)] public List<string> Ids { get; set; } = [];
}
