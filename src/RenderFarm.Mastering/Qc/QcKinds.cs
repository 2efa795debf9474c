namespace RenderFarm.Mastering.Qc;

/// <summary>The kinds of QC finding, as they appear in reports.</summary>
public static class QcKinds
{
    public const string Clipping = "clipping";
    public const string InterSampleOver = "inter_sample_over";
    public const string Click = "click";
    public const string DcOffset = "dc_offset";
    public const string NegativeCorrelation = "negative_correlation";
    public const string PolarityInverted = "polarity_inverted";
    public const string SilenceHead = "silence_head";
    public const string SilenceTail = "silence_tail";
    public const string Dropout = "dropout";
    public const string TruePeakOverCeiling = "true_peak_over_ceiling";
    public const string LoudnessOutOfSpec = "loudness_out_of_spec";
    public const string NonFiniteSamples = "non_finite_samples";
}
