using Microsoft.AspNetCore.Components;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>The mastering chain that ran, stage by stage in signal order, with its settings and what each did.</summary>
public sealed partial class ChainSection
{
    [Parameter, EditorRequired]
    public IReadOnlyList<ChainStep> Items { get; set; } = [];
}
