namespace RenderFarm.Host.Messaging;

/// <summary>Render commands this process has sent: with the workers' count of those taken, what waits in an in-process bus.</summary>
public sealed class DispatchCounter
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    internal void Add() => Interlocked.Increment(ref _sent);
}
