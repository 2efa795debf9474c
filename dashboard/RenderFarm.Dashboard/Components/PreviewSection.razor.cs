using Microsoft.AspNetCore.Components;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>What each streaming service's loudness normalisation does to the master on playback.</summary>
public sealed partial class PreviewSection
{
    [Parameter, EditorRequired]
    public IReadOnlyList<PreviewItem> Items { get; set; } = [];
}
