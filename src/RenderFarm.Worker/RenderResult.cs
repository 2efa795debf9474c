using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;

namespace RenderFarm.Worker;

/// <summary>
/// What a render produced: its files (relative to the media root, with their hashes), what its task keeps of its
/// report, and a line for the attempt's log (a stem cache hit, a mix's level).
/// </summary>
public sealed record RenderResult(IReadOnlyList<RenderOutput> Outputs, TaskReport Report, string? Note = null);
