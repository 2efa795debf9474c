namespace RenderFarm.Grains;

/// <summary>A worker with how it is doing: answering (reported lately) and its rate.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerStatus(
    [property: Id(0)] WorkerReport Report,
    [property: Id(1)] bool Answering,
    [property: Id(2)] double DonePerMinute);
