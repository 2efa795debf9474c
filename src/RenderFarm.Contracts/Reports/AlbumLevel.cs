namespace RenderFarm.Contracts.Reports;

/// <summary>An album's loudness as mixed, rounded to 0.001; null where it does not exist.</summary>
public sealed record AlbumLevel
{
    public double? IntegratedLufs { get; set; }
}
