using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>What the final pass measured on the float master: loudness, stereo report and one-second correlations.</summary>
internal sealed record MasterMeasurement(LoudnessReport Loudness, StereoReport? Stereo, IReadOnlyList<(double Start, double Correlation)>? Windows);
