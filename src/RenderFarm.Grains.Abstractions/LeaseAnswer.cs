namespace RenderFarm.Grains;

/// <summary>What a task tells the worker that renews its lease: go on, or stop now and leave nothing (with why).</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseAnswer
{
    [Id(0)] public bool Stop { get; init; }

    [Id(1)] public string? Reason { get; init; }

    public static readonly LeaseAnswer Continue = new();

    public static LeaseAnswer StopBecause(string reason) => new() { Stop = true, Reason = reason };
}
