namespace RenderFarm.Worker;

/// <summary>The renders this process may run at once, whatever their kind (a render keeps one core busy).</summary>
public sealed class RenderSlots(int count) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(count, count);

    public Task WaitAsync(CancellationToken cancellation) => _slots.WaitAsync(cancellation);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
