using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A disc's layout in CD frames (1/75 s): its tracks with their pre-gaps, ISRCs and CD-Text.</summary>
public sealed record DiscLayout
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Upc { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Performer { get; set; }

    public IReadOnlyList<DiscTrack> Tracks { get; set; } = [];

    /// <summary>The whole programme, every pre-gap included.</summary>
    public long TotalFrames { get; set; }
}
