using System.Text.Json.Serialization;

namespace RenderFarm.Grains;

/// <summary>Where a title is in its pipeline; the HTTP API and the dashboard name each in lower case.</summary>
public enum TitleStage
{
    /// <summary>A title of a large catalogue that the catalogue has not started yet.</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>A session's tracks render, each a task of its own.</summary>
    [JsonStringEnumMemberName("tracks")]
    Tracks,

    /// <summary>A session's stems are mixed down to its stereo mix.</summary>
    [JsonStringEnumMemberName("mixdown")]
    Mixdown,

    /// <summary>The mix (or a whole album) is mastered.</summary>
    [JsonStringEnumMemberName("master")]
    Master,

    /// <summary>Each deliverable is made from the float master, a task each.</summary>
    [JsonStringEnumMemberName("deliverables")]
    Deliverables,

    /// <summary>The pipeline has ended (whether it succeeded is the title's status).</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>The recording (or a session's mix) is restored before the master, by the profile's restore section.</summary>
    [JsonStringEnumMemberName("restore")]
    Restore,
}
