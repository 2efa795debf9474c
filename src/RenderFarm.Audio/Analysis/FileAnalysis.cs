using RenderFarm.Dsp.Metering;

namespace RenderFarm.Audio.Analysis;

/// <summary>The loudness of one file, what the file is, and the loudness over time when asked for.</summary>
public sealed record FileAnalysis(AudioStreamInfo Info, LoudnessReport Loudness, IReadOnlyList<LoudnessPoint> Series);
