using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Deliverables;
using RenderFarm.Mastering.Overview;

namespace RenderFarm.Mastering.Chain;

/// <summary>What one pass through the limiter measured and wrote.</summary>
internal sealed record FinalPassResult(LoudnessReport Output, StereoReport? Stereo, IReadOnlyList<(double Start, double Correlation)>? Windows, IReadOnlyList<LoudnessPoint> Series, ProgrammeOverview Overview, IReadOnlyList<DeliverableFile> Files, double LimiterReductionDb, double LimitedSeconds, LoudnessMeter Meter, double[]? MatchSpectrum);
