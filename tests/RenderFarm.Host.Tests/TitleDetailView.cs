using RenderFarm.Grains;

namespace RenderFarm.Host.Tests.Api;

/// <summary>The body of GET /api/titles/CATALOGUE/NNNN as the tests read it.</summary>
internal sealed record TitleDetailView(TitleSnapshot Title, IReadOnlyList<RenderTaskSnapshot> Tasks);
