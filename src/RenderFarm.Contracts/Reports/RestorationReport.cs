namespace RenderFarm.Contracts.Reports;

/// <summary>
/// What a restore found and repaired (restore.json, <c>renderfarm restore --json</c>): the input measured,
/// then each repair that ran, with what it did; a repair that did not run is null.
/// </summary>
public sealed record RestorationReport
{
    public string Input { get; set; } = "";

    public string Output { get; set; } = "";

    public int SampleRate { get; set; }

    public int Channels { get; set; }

    public long Frames { get; set; }

    /// <summary>The input's DC offset per channel, as a fraction of full scale.</summary>
    public IReadOnlyList<double> DcOffset { get; set; } = [];

    /// <summary>The correlation of the channels below 200 Hz (stereo); null otherwise.</summary>
    public double? LowBandCorrelation { get; set; }

    public DeclickOutcome? Declick { get; set; }

    public DeclipOutcome? Declip { get; set; }

    public DehumOutcome? Dehum { get; set; }

    public DcOutcome? Dc { get; set; }

    public PolarityOutcome? Polarity { get; set; }

    public DenoiseOutcome? Denoise { get; set; }

    public AzimuthOutcome? Azimuth { get; set; }

    /// <summary>The output's signal-to-difference ratio against the input, in dB: how much the repairs changed (null when nothing changed).</summary>
    public double? ChangeSdrDb { get; set; }

    public IReadOnlyDictionary<string, double> TimingsS { get; set; } = new Dictionary<string, double>();
}
