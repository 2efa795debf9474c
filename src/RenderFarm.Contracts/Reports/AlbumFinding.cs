using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A finding inside an album's report (its channel counted from 0, unlike a <see cref="QcEntry"/>).</summary>
public sealed record AlbumFinding
{
    public string Kind { get; set; } = string.Empty;

    public double StartSeconds { get; set; }

    public double EndSeconds { get; set; }

    /// <summary><c>info</c>, <c>warning</c> or <c>error</c>.</summary>
    public string Severity { get; set; } = string.Empty;

    public string Detail { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Channel { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; set; }
}
