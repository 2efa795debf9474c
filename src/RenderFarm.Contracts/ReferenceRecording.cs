using Orleans;

namespace RenderFarm.Contracts;

/// <summary>A recording (in the media root) a master is matched towards, and how far: 0 to 100 percent.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceRecording
{
    public ReferenceRecording(string path, double amountPercent = 100)
    {
        Path = path;
        AmountPercent = amountPercent;
    }

    [Id(0)] public string Path { get; set; }

    [Id(1)] public double AmountPercent { get; set; }
}
