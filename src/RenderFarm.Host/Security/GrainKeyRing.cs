using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>
/// The data-protection key ring (what signs and encrypts the sign-in cookie) kept in the accounts grain, so
/// every silo of a cluster reads a cookie any of them made, and a restarted host still reads its own.
/// Data protection reads it rarely (at start and once a day) and only from request threads.
/// </summary>
public sealed class GrainKeyRing(IGrainFactory grains) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. grains.GetGrain<IAccountsGrain>(0).Keys().GetAwaiter().GetResult().Select(x => XElement.Parse(x))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        grains.GetGrain<IAccountsGrain>(0).AddKey(element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
