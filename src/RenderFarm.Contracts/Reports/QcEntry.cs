using System.Text.Json.Serialization;
using Orleans;

namespace RenderFarm.Contracts.Reports;

/// <summary>A QC finding as a report lists it: where it was found, what, when in the programme, how much it matters.</summary>
[GenerateSerializer, Immutable]
public sealed record QcEntry
{
    /// <summary>The severity of a finding that is grounds for rejection.</summary>
    public const string Error = "error";

    /// <summary>Where it was found: <c>input</c> (the mix), <c>output</c> (the master), a deliverable's label; left out inside a deliverable's own list.</summary>
    [Id(0), JsonPropertyName("stage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stage { get; set; }

    [Id(1), JsonPropertyName("kind")] public string Kind { get; set; } = string.Empty;

    [Id(2), JsonPropertyName("start_s")] public double StartS { get; set; }

    [Id(3), JsonPropertyName("end_s")] public double EndS { get; set; }

    /// <summary><c>info</c>, <c>warning</c> or <c>error</c>.</summary>
    [Id(4), JsonPropertyName("severity")] public string Severity { get; set; } = string.Empty;

    /// <summary>The channel, counted from 1; null for all of them.</summary>
    [Id(5), JsonPropertyName("channel")] public int? Channel { get; set; }

    [Id(6), JsonPropertyName("value")] public double? Value { get; set; }

    [Id(7), JsonPropertyName("detail")] public string? Detail { get; set; }
}
