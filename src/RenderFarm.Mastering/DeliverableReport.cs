using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering;

/// <summary>A delivered file as measured after it was written: where, what, its checksum, loudness and QC.</summary>
public sealed record DeliverableReport(
    string Label,
    string Format,
    string Path,
    int SampleRate,
    int? BitDepth,
    int? BitrateKbps,
    long Bytes,
    string Sha256,
    LoudnessReport Loudness,
    IReadOnlyList<QcFinding> Qc);
