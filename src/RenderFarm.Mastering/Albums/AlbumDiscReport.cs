using RenderFarm.Mastering.Cd;

namespace RenderFarm.Mastering.Albums;

/// <summary>The disc: its layout, image, CUE sheet and DDP image.</summary>
public sealed record AlbumDiscReport
{
    public required CdDisc Layout { get; init; }

    public required string ImageWav { get; init; }

    public required string CueSheet { get; init; }

    public string? DdpFolder { get; init; }

    /// <summary>SHA-256 of the raw 16-bit programme (the WAV's data and the DDP's image are these bytes).</summary>
    public required string ImageSha256 { get; init; }

    public required double DurationSeconds { get; init; }

    public required double IntegratedLufs { get; init; }

    public required double TruePeakDbtp { get; init; }

    /// <summary>Samples clipped by the 16-bit conversion.</summary>
    public required long ClippedSamples { get; init; }

    /// <summary>The most the limiter over the programme took (where a crossfade summed two songs over the ceiling), in dB (0 or negative).</summary>
    public double LimiterMaxGainReductionDb { get; init; }

    /// <summary>How long the limiter over the programme worked, in seconds.</summary>
    public double LimitedSeconds { get; init; }
}
