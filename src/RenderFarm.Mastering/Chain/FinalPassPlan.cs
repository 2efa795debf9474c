using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering.Chain;

/// <summary>
/// What every pass through the limiter of one job shares: the prepared mix, where its deliverables (or its float
/// master) go, their name, tags and origination time, and whether the master's spectrum is matched to a reference.
/// </summary>
internal sealed record FinalPassPlan(
    InputPass Input,
    string Intermediate,
    string OutputDirectory,
    string? MasterDirectory,
    string Stem,
    TrackMetadata Metadata,
    DateTimeOffset Origination,
    int BlockFrames,
    bool MatchSpectrum);
