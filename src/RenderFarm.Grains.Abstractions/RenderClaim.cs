namespace RenderFarm.Grains;

/// <summary>
/// The task's answer to a worker that asks to render an attempt. Granted: the worker holds the attempt's
/// lease under <see cref="Token"/> (each grant a new, higher number for the task) and renews it at least every
/// <see cref="LeaseTimeout"/>; refused: the attempt is another worker's, ended or superseded, and the command
/// is dropped (<see cref="Refusal"/> says why).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RenderClaim
{
    [Id(0)] public bool Granted { get; init; }

    [Id(1)] public long Token { get; init; }

    [Id(2)] public string? Refusal { get; init; }

    [Id(3)] public TimeSpan LeaseTimeout { get; init; }

    public static RenderClaim Refused(string reason) => new() { Refusal = reason };
}
