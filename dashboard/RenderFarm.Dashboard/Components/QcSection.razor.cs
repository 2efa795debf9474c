using Microsoft.AspNetCore.Components;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>A title's QC findings (the input's, the master's, each file's); each one's time puts a marker on the waveform when one is drawn.</summary>
public sealed partial class QcSection
{
    [Parameter, EditorRequired]
    public IReadOnlyList<QcItem> Items { get; set; } = [];

    /// <summary>Whether a finding's time can be shown on a waveform (the page has one).</summary>
    [Parameter]
    public bool Markable { get; set; }

    [Parameter]
    public EventCallback<QcItem> OnMark { get; set; }
}
