namespace RenderFarm.Contracts.Reports;

/// <summary>An album's target, its loudness mode (<c>album</c> or <c>track</c>) and whether it was met.</summary>
public sealed record AlbumTarget
{
    public string? Name { get; set; }

    public double? IntegratedLufs { get; set; }

    public double CeilingDbtp { get; set; }

    public string Mode { get; set; } = "album";

    public bool Met { get; set; }

    public string? Note { get; set; }
}
