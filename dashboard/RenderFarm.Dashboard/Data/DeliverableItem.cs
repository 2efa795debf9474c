namespace RenderFarm.Dashboard.Data;

/// <summary>A delivered file as its report lists it.</summary>
public sealed record DeliverableItem(string Label, string Format, string Path, string Sha256, long Bytes, int SampleRate, int? BitDepth, int? BitrateKbps, double? IntegratedLufs, double? TruePeakDbtp);
