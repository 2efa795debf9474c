using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>A finished deliverable on disk, before it is measured.</summary>
internal sealed record DeliverableFile(DeliverableSpec Spec, string Path, int SampleRate, int? BitDepth, int? BitrateKbps, long ClippedSamples);
