using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>An album's disc: its layout, image, CUE sheet, DDP image and how the programme measured.</summary>
public sealed record AlbumDisc
{
    public DiscLayout Layout { get; set; } = new();

    public string ImageWav { get; set; } = string.Empty;

    public string CueSheet { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DdpFolder { get; set; }

    /// <summary>SHA-256 of the raw 16-bit programme.</summary>
    public string ImageSha256 { get; set; } = string.Empty;

    public double DurationSeconds { get; set; }

    public double IntegratedLufs { get; set; }

    public double TruePeakDbtp { get; set; }

    /// <summary>Samples clipped by the 16-bit conversion.</summary>
    public long ClippedSamples { get; set; }

    public double LimiterMaxGainReductionDb { get; set; }

    public double LimitedSeconds { get; set; }
}
