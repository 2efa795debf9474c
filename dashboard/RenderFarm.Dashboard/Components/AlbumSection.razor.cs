using Microsoft.AspNetCore.Components;
using RenderFarm.Dashboard.Data;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Components;

/// <summary>An album title's section: the loudness plan in both modes, each song against the album, the reference, the disc and its files.</summary>
public sealed partial class AlbumSection
{
    [Parameter, EditorRequired]
    public AlbumSummary Album { get; set; } = default!;

    /// <summary>The title's outputs (the disc's files among them).</summary>
    [Parameter]
    public IReadOnlyList<TaskOutput> Outputs { get; set; } = [];

    // "ddp/IMAGE.DAT", "cd/Album.cue": where the file sits in the album's folder.
    private static string DiscFile(string path)
    {
        var at = Math.Max(path.LastIndexOf("/cd/", StringComparison.Ordinal), path.LastIndexOf("/ddp/", StringComparison.Ordinal));
        return path[(at + 1)..];
    }
}
