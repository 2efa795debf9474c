using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>A finished deliverable on disk, with the check that watched its samples being written (null for lossy files, checked by reading back).</summary>
internal sealed record DeliverableFile(DeliverableSpec Spec, string Path, int SampleRate, int? BitDepth, int? BitrateKbps, long ClippedSamples, DeliverableCheck? Check, string? Sha256 = null);
