namespace RenderFarm.Mastering.Deliverables;

/// <summary>Sinks that are disposed together (each removes its unfinished file).</summary>
internal sealed class SinkSet(List<IDeliverableSink> items) : IDisposable
{
    public List<IDeliverableSink> Items { get; } = items;

    public void Dispose()
    {
        foreach (var sink in Items)
        {
            sink.Dispose();
        }
    }
}
