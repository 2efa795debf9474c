namespace RenderFarm.Grains;

/// <summary>
/// The figures of a finished title's report that a catalogue shows for each title: input and output
/// loudness, the output's true peak and loudness range, the target and whether it was met, and how many
/// QC findings there were (and how many errors). Null levels do not exist (silence) or were not reported.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TitleLoudness
{
    [Id(0)] public double? InputLufs { get; init; }

    [Id(1)] public double? OutputLufs { get; init; }

    [Id(2)] public double? OutputTruePeakDbtp { get; init; }

    [Id(3)] public double? OutputRangeLu { get; init; }

    [Id(4)] public double? TargetLufs { get; init; }

    [Id(5)] public bool? TargetMet { get; init; }

    [Id(6)] public int QcFindings { get; init; }

    [Id(7)] public int QcErrors { get; init; }
}
