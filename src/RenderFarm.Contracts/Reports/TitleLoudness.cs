using Orleans;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// The figures of a finished title's report that a catalogue shows for each title: input and output
/// loudness, the output's true peak and loudness range, the target and whether it was met, and how many
/// QC findings there were (and how many errors). Null levels do not exist (silence) or were not reported.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TitleLoudness
{
    [Id(0)] public double? InputLufs { get; set; }

    [Id(1)] public double? OutputLufs { get; set; }

    [Id(2)] public double? OutputTruePeakDbtp { get; set; }

    [Id(3)] public double? OutputRangeLu { get; set; }

    [Id(4)] public double? TargetLufs { get; set; }

    [Id(5)] public bool? TargetMet { get; set; }

    [Id(6)] public int QcFindings { get; set; }

    [Id(7)] public int QcErrors { get; set; }

    /// <summary>These figures with a deliverable task's findings counted too.</summary>
    public TitleLoudness WithFindings(IEnumerable<QcEntry> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var all = findings.ToArray();
        return this with { QcFindings = QcFindings + all.Length, QcErrors = QcErrors + all.Count(f => f.Severity == QcEntry.Error) };
    }
}
