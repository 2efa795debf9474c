namespace RenderFarm.Grains.Catalogs;

/// <summary>A catalogue's spec (its titles, profile, policy), written once when it is submitted and never again.</summary>
[GenerateSerializer]
public sealed class CatalogSpecState
{
    [Id(0)] public CatalogSpec? Spec { get; set; }
}
