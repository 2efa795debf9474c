using Microsoft.AspNetCore.Components;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>A title's loudness before and after mastering, its target, the gain and whether the target was met.</summary>
public sealed partial class LoudnessSection
{
    [Parameter, EditorRequired]
    public TitleReport Report { get; set; } = default!;
}
