using System.Globalization;

namespace RenderFarm.Grains;

/// <summary>The ids of titles and tasks: <c>catalogue/0001</c>, <c>catalogue/0001/track-3</c>, <c>.../mixdown</c>, <c>.../master</c>.</summary>
public static class TaskIds
{
    public static string Title(string catalogId, int index) => string.Create(CultureInfo.InvariantCulture, $"{catalogId}/{index + 1:0000}");

    public static string Track(string titleId, int track) => string.Create(CultureInfo.InvariantCulture, $"{titleId}/track-{track}");

    public static string Mixdown(string titleId) => $"{titleId}/mixdown";

    public static string Master(string titleId) => $"{titleId}/master";

    /// <summary>The catalogue a title belongs to.</summary>
    public static string CatalogOf(string titleId) => titleId[..titleId.LastIndexOf('/')];
}
