using System.Text.Json;
using RenderFarm.Grains;

namespace RenderFarm.Host.Tests.Api;

/// <summary>The body of GET /api/titles/CATALOGUE/NNNN as the tests read it: the title, its tasks (for staff), its report's JSON and its restore's.</summary>
internal sealed record TitleDetailView(TitleSnapshot Title, IReadOnlyList<RenderTaskSnapshot> Tasks, JsonElement? Report, string? ReportError, JsonElement? Restore = null);
