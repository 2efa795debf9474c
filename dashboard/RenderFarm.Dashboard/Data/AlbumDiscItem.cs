namespace RenderFarm.Dashboard.Data;

/// <summary>The album's disc: catalogue number, length, the image's loudness and peak, what the programme's limiter did, its files and tracks.</summary>
public sealed record AlbumDiscItem(
    string? Upc,
    double? DurationSeconds,
    double? IntegratedLufs,
    double? TruePeakDbtp,
    long ClippedSamples,
    double? LimiterMaxGainReductionDb,
    double? LimitedSeconds,
    string? ImageWav,
    string? CueSheet,
    string? DdpFolder,
    IReadOnlyList<DiscTrackItem> Tracks);
