namespace RenderFarm.Contracts.Reports;

/// <summary>A filter of an album's reference match: its shape (<c>peaking</c>...), frequency, Q and gain.</summary>
public sealed record AlbumReferenceFilter
{
    public string Kind { get; set; } = string.Empty;

    public double FrequencyHz { get; set; }

    public double Q { get; set; }

    public double GainDb { get; set; }
}
