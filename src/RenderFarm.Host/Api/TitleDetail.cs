using RenderFarm.Grains;

namespace RenderFarm.Host.Api;

/// <summary>A title with the state of each of its tasks (attempts, workers, errors).</summary>
public sealed record TitleDetail(TitleSnapshot Title, IReadOnlyList<RenderTaskSnapshot> Tasks);
