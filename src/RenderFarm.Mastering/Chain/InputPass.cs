using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Overview;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering.Chain;

/// <summary>A mix as the first pass leaves it: measured, checked, run through the chain before the limiter (its loudness <c>PreLimiter</c>), with the limiter's model of it.</summary>
internal sealed record InputPass(AudioSpec Spec, LoudnessReport Loudness, StereoReport? Stereo, IReadOnlyList<LoudnessPoint> Series, ProgrammeOverview Overview, IReadOnlyList<QcFinding> Findings, LoudnessReport PreLimiter, IReadOnlyList<double> MultibandReductionDb, LimiterModel Model, LoudnessMeter InputMeter);
