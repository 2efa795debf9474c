using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>A title with each of its tasks (attempts, workers, outputs, errors).</summary>
public sealed record TitleView(TitleSnapshot Title, IReadOnlyList<RenderTaskSnapshot> Tasks);
