using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// What rendering a disc programme gave: its length in samples, the SHA-256 of its raw image, samples
/// clipped by the 16-bit conversion, its loudness, and how much the limiter held it (crossfades) and for how long.
/// </summary>
internal sealed record AlbumImageResult(long Samples, string RawSha256, long ClippedSamples, LoudnessReport Loudness, double LimiterMaxGainReductionDb, double LimitedSeconds);
