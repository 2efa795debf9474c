using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>ReplayGain 2.0 gains of a song and its album (null where silent), with the linear peaks that bound them.</summary>
public sealed record AlbumPlaybackGain
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TrackGainDb { get; set; }

    public double TrackPeak { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AlbumGainDb { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AlbumPeak { get; set; }
}
