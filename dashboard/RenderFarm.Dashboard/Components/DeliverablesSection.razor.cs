using Microsoft.AspNetCore.Components;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>The files a title made: each to download, with its format, rate, size, loudness and checksum.</summary>
public sealed partial class DeliverablesSection
{
    [Parameter, EditorRequired]
    public IReadOnlyList<DeliverableItem> Items { get; set; } = [];
}
