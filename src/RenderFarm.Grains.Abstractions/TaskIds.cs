using System.Globalization;

namespace RenderFarm.Grains;

/// <summary>The ids of titles and tasks: <c>catalogue/0001</c>, <c>catalogue/0001/track-3</c>, <c>.../mixdown</c>, <c>.../restore</c>, <c>.../master</c>, <c>.../deliver-0</c>; <c>catalogue/0001/g2/track-3</c> when rendered again.</summary>
public static class TaskIds
{
    public static string Title(string catalogId, int index) => string.Create(CultureInfo.InvariantCulture, $"{catalogId}/{index + 1:0000}");

    public static string Track(string titleId, int track, int generation = 1) => string.Create(CultureInfo.InvariantCulture, $"{Prefix(titleId, generation)}track-{track}");

    public static string Mixdown(string titleId, int generation = 1) => $"{Prefix(titleId, generation)}mixdown";

    public static string Restore(string titleId, int generation = 1) => $"{Prefix(titleId, generation)}restore";

    public static string Master(string titleId, int generation = 1) => $"{Prefix(titleId, generation)}master";

    public static string Deliverable(string titleId, int index, int generation = 1) => string.Create(CultureInfo.InvariantCulture, $"{Prefix(titleId, generation)}deliver-{index}");

    // A title rendered again gets new tasks: .../g2/track-0 and so on.
    private static string Prefix(string titleId, int generation) =>
        generation <= 1 ? $"{titleId}/" : string.Create(CultureInfo.InvariantCulture, $"{titleId}/g{generation}/");

    /// <summary>A title's place in its catalogue (0 for <c>catalogue/0001</c>).</summary>
    public static int IndexOf(string titleId)
    {
        ArgumentNullException.ThrowIfNull(titleId);
        return int.Parse(titleId.AsSpan(titleId.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture) - 1;
    }

    /// <summary>The catalogue a title belongs to.</summary>
    public static string CatalogOf(string titleId) => titleId[..titleId.LastIndexOf('/')];
}
