namespace RenderFarm.Dashboard.Data;

/// <summary>A track of the disc as its CUE sheet and DDP image have it; lengths in CD frames (75 a second).</summary>
public sealed record DiscTrackItem(int Number, string? Title, string? Performer, string? Isrc, long PregapFrames, long Frames)
{
    /// <summary>A length in CD frames as MM:SS:FF, as CUE sheets and mastering tools write it.</summary>
    public static string Msf(long frames) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{frames / 4500:00}:{frames / 75 % 60:00}:{frames % 75:00}");
}
