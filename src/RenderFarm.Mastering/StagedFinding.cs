using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering;

/// <summary>A QC finding and where it was found: "input", "master" or a deliverable's label.</summary>
public sealed record StagedFinding(string Stage, QcFinding Finding);
