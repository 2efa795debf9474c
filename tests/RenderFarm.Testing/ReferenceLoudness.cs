namespace RenderFarm.Testing;

/// <summary>The figures libebur128 gives for a programme, in the units of our own report.</summary>
public sealed record ReferenceLoudness(
    double IntegratedLufs,
    double LoudnessRangeLu,
    double TruePeakDbtp,
    double SamplePeakDbfs,
    double MaxMomentaryLufs,
    double MaxShortTermLufs);
