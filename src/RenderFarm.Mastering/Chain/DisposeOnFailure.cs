namespace RenderFarm.Mastering.Chain;

/// <summary>Disposes what it keeps unless told the work succeeded (the kept object then lives on).</summary>
internal sealed class DisposeOnFailure : IDisposable
{
    private IDisposable? _kept;

    public T Keep<T>(T disposable)
        where T : IDisposable
    {
        _kept = disposable;
        return disposable;
    }

    public void Succeeded() => _kept = null;

    public void Dispose() => _kept?.Dispose();
}
