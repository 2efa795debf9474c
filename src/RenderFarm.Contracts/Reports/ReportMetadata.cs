using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>The tags the deliverables carry.</summary>
public sealed record ReportMetadata
{
    [JsonPropertyName("title")] public string? Title { get; set; }

    [JsonPropertyName("artist")] public string? Artist { get; set; }

    [JsonPropertyName("album")] public string? Album { get; set; }

    [JsonPropertyName("track_number")] public int? TrackNumber { get; set; }

    [JsonPropertyName("track_total")] public int? TrackTotal { get; set; }

    [JsonPropertyName("year")] public int? Year { get; set; }

    [JsonPropertyName("isrc")] public string? Isrc { get; set; }

    [JsonPropertyName("upc")] public string? Upc { get; set; }
}
