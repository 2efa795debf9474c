using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A file's loudness figures unrounded, as the meter gave them (levels that do not exist are -Infinity).</summary>
public sealed record LoudnessMeasurement
{
    public int SampleRate { get; set; }

    public int Channels { get; set; }

    public long Frames { get; set; }

    public double DurationSeconds { get; set; }

    public double IntegratedLufs { get; set; }

    public double RelativeGateLufs { get; set; }

    public double LoudnessRangeLu { get; set; }

    public double LoudnessRangeLowLufs { get; set; }

    public double LoudnessRangeHighLufs { get; set; }

    public double MaxMomentaryLufs { get; set; }

    public double MaxShortTermLufs { get; set; }

    public double TruePeakDbtp { get; set; }

    public double SamplePeakDbfs { get; set; }

    public IReadOnlyList<double> TruePeakPerChannelDbtp { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MonoFoldDownLufs { get; set; }

    public IReadOnlyList<double> SamplePeakPerChannelDbfs { get; set; } = [];

    public int TruePeakOversampling { get; set; }

    public double PlrDb { get; set; }
}
