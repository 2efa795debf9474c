using RenderFarm.Mastering.Deliverables;
using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering;

/// <summary>What the deliverables of a master share: file name, origination time, metadata, block size and the master's measurement.</summary>
internal sealed record MasterDescription(string FileStem, DateTimeOffset Origination, TrackMetadata Metadata, int BlockFrames, MasterMeasurement Measurement)
{
    public string AudioPath { get; init; } = string.Empty;
}
