namespace RenderFarm.Contracts.Reports;

/// <summary>An album matched to a reference recording as one programme: the one correction and the tonal distance before and after.</summary>
public sealed record AlbumReferenceOutcome
{
    public string Path { get; set; } = string.Empty;

    public double AmountPercent { get; set; }

    public double ReferenceLufs { get; set; }

    public IReadOnlyList<double> CurveHz { get; set; } = [];

    public IReadOnlyList<double> CurveDb { get; set; } = [];

    public IReadOnlyList<AlbumReferenceFilter> Filters { get; set; } = [];

    public double DistanceBeforeDb { get; set; }

    public double DistanceAfterDb { get; set; }
}
