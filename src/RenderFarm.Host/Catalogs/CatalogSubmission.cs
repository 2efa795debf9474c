using System.Globalization;
using System.Security.Cryptography;
using RenderFarm.Grains;

namespace RenderFarm.Host.Catalogs;

/// <summary>Starts a catalogue from a request (the API's and the dashboard's way in): a new id, the request checked and planned, the catalogue grain given it.</summary>
public sealed class CatalogSubmission(CatalogBuilder builder, IGrainFactory grains, TimeProvider time)
{
    /// <summary>Starts the catalogue; a request that cannot be rendered throws <see cref="CatalogRequestException"/> naming the field.</summary>
    public Task<CatalogSnapshot> Submit(CatalogRequest request)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"cat-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var spec = builder.Build(id, request);
        return grains.GetGrain<ICatalogGrain>(id).Submit(spec);
    }
}
