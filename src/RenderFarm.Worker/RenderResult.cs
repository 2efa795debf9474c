using RenderFarm.Contracts;

namespace RenderFarm.Worker;

/// <summary>What a render produced: its files (relative to the media root, with their hashes) and its report as JSON.</summary>
public sealed record RenderResult(IReadOnlyList<RenderOutput> Outputs, string ReportJson);
