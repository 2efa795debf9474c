namespace RenderFarm.Mixing.Sessions;

/// <summary>A piece of a track's source placed on the timeline, with fades (raised-cosine) and its own gain.</summary>
public sealed record RegionSpec
{
    /// <summary>Where the region starts on the session's timeline.</summary>
    public double StartSeconds { get; init; }

    /// <summary>Where in the source file it starts playing.</summary>
    public double SourceInSeconds { get; init; }

    /// <summary>How long it plays; null plays to the end of the source.</summary>
    public double? LengthSeconds { get; init; }

    public double FadeInSeconds { get; init; }

    public double FadeOutSeconds { get; init; }

    public double GainDb { get; init; }
}
