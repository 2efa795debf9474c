using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// A master's report (report.json, and <c>renderfarm master --json</c>): the mix and the master measured, the
/// target, the gain, the chain, QC, the deliverables, what the platforms will do, the tags and the reference.
/// The one definition of its JSON: the mastering job writes it, the workers send its headline, the HTTP API and
/// the dashboard read it (<see cref="ReportJson"/>).
/// </summary>
public sealed record MasterReport
{
    [JsonPropertyName("input")] public ProgrammeFigures Input { get; set; } = new();

    [JsonPropertyName("output")] public ProgrammeFigures Output { get; set; } = new();

    [JsonPropertyName("target")] public TargetOutcome Target { get; set; } = new();

    /// <summary>The loudness gain before the limiter, in dB.</summary>
    [JsonPropertyName("gain_db")] public double GainDb { get; set; }

    [JsonPropertyName("limiter")] public LimiterOutcome Limiter { get; set; } = new();

    /// <summary>The chain that ran, stage by stage in signal order.</summary>
    [JsonPropertyName("chain")] public IReadOnlyList<ChainStage> Chain { get; set; } = [];

    [JsonPropertyName("multiband_max_gain_reduction_db")] public IReadOnlyList<double> MultibandMaxGainReductionDb { get; set; } = [];

    /// <summary>Every finding: the mix's (stage <c>input</c>), the master's, each deliverable's (stage: its label).</summary>
    [JsonPropertyName("qc")] public IReadOnlyList<QcEntry> Qc { get; set; } = [];

    /// <summary>The files made, in the profile's order (none in report.json of a master whose deliverables are tasks of their own).</summary>
    [JsonPropertyName("deliverables")] public IReadOnlyList<DeliverableEntry> Deliverables { get; set; } = [];

    [JsonPropertyName("preview")] public IReadOnlyList<PlatformPlayback> Preview { get; set; } = [];

    [JsonPropertyName("metadata")] public ReportMetadata Metadata { get; set; } = new();

    /// <summary>How long each part took; left out of report.json on the farm, so every attempt writes the same bytes.</summary>
    [JsonPropertyName("timings_s")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? TimingsS { get; set; }

    [JsonPropertyName("reference")] public ReferenceOutcome? Reference { get; set; }

    /// <summary>The figures a catalogue keeps of this report.</summary>
    public TitleLoudness Headline() => new()
    {
        InputLufs = Input.IntegratedLufs,
        OutputLufs = Output.IntegratedLufs,
        OutputTruePeakDbtp = Output.TruePeakDbtp,
        OutputRangeLu = Output.LoudnessRangeLu,
        TargetLufs = Target.IntegratedLufs,
        TargetMet = Target.Met,
        QcFindings = Qc.Count,
        QcErrors = Qc.Count(f => f.Severity == QcEntry.Error),
    };

    /// <summary>
    /// This master's report with the deliverables that tasks of their own made (in the profile's order), their
    /// entries in <see cref="Deliverables"/> and their findings added to <see cref="Qc"/> under their labels, as a
    /// one-pass master's report has them.
    /// </summary>
    public MasterReport WithDeliverables(IEnumerable<DeliverableEntry> deliverables)
    {
        ArgumentNullException.ThrowIfNull(deliverables);
        var made = deliverables.ToArray();
        return this with
        {
            Deliverables = made,
            Qc = [.. Qc, .. made.SelectMany(d => d.Qc.Select(f => f with { Stage = d.Label }))],
        };
    }
}
