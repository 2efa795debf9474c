using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A track of a disc: its length from index 1, its pre-gap, ISRC and CD-Text.</summary>
public sealed record DiscTrack
{
    public long Frames { get; set; }

    public long PregapFrames { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Isrc { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Performer { get; set; }
}
