using RenderFarm.Dsp;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// The mixdown of one block: every audible track's output and sends (from <see cref="ITrackFeed"/>s, in
/// track order) summed into the inputs of their buses or the master, the buses run in routing order
/// (each after the buses that feed it) and summed on, then the master. The order of the additions is
/// fixed, so the same feeds give the same bits whether the tracks were rendered now or read from stems.
/// </summary>
internal sealed class MixGraph : IDisposable
{
    private readonly ITrackFeed[] _feeds;
    private readonly int[] _directTargets;
    private readonly int[][] _sendTargets;
    private readonly BusRenderer[] _buses;
    private readonly BusRenderer _master;
    private readonly TrackMeter[] _meters;
    private readonly int[] _busOrder;
    private readonly int[] _busTargets;
    private readonly bool[] _busMuted;

    public MixGraph(MixPlan plan, IReadOnlyList<ITrackFeed> feeds, int blockFrames)
    {
        var session = plan.Session;
        _feeds = [.. feeds.OrderBy(f => f.Track)];
        _directTargets = [.. _feeds.Select(f => plan.BusIndex(session.Tracks[f.Track].Output))];
        _sendTargets = [.. _feeds.Select(f => session.Tracks[f.Track].Sends.Select(s => plan.BusIndex(s.Bus)).ToArray())];
        _buses = [.. session.Buses.Select(b => BusRenderer.For(b, session, blockFrames))];
        _master = BusRenderer.For(session.Master, session, blockFrames);
        _meters = [.. _feeds.Select(_ => new TrackMeter(session.SampleRate, blockFrames))];
        _busOrder = [.. plan.BusOrder];
        _busTargets = [.. session.Buses.Select(b => plan.BusIndex(b.Output))];
        _busMuted = [.. session.Buses.Select(b => b.Mute)];
    }

    public IReadOnlyList<ITrackFeed> Feeds => _feeds;

    /// <summary>Each feed's meter, in the order of <see cref="Feeds"/>.</summary>
    public IReadOnlyList<TrackMeter> Meters => _meters;

    public IReadOnlyList<BusRenderer> Buses => _buses;

    /// <summary>Mixes the block of <paramref name="frames"/> frames from <paramref name="frame"/>; the master's output.</summary>
    public AudioBlock Render(long frame, int frames)
    {
        _master.Input.AsBlock(frames).Clear();
        foreach (var bus in _buses)
        {
            bus.Input.AsBlock(frames).Clear();
        }

        for (var i = 0; i < _feeds.Length; i++)
        {
            var feed = _feeds[i];
            feed.Render(frame, frames);
            var direct = feed.Direct.AsBlock(frames);
            _meters[i].Add(direct);
            Sum(direct, _directTargets[i], frames);
            for (var s = 0; s < feed.Sends.Count; s++)
            {
                Sum(feed.Sends[s].AsBlock(frames), _sendTargets[i][s], frames);
            }
        }

        foreach (var b in _busOrder)
        {
            if (_busMuted[b])
            {
                continue;
            }

            _buses[b].Process(frame, frames);
            Sum(_buses[b].Input.AsBlock(frames), _busTargets[b], frames);
        }

        _master.Process(frame, frames);
        return _master.Input.AsBlock(frames);
    }

    public void Dispose()
    {
        foreach (var feed in _feeds)
        {
            feed.Dispose();
        }
    }

    // destination (a bus's input, or the master's for -1) += source; nothing reaches a muted bus.
    private void Sum(AudioBlock source, int target, int frames)
    {
        if (target >= 0 && _busMuted[target])
        {
            return;
        }

        var destination = (target < 0 ? _master : _buses[target]).Input.AsBlock(frames);
        VectorMath.Add(source[0], destination[0]);
        VectorMath.Add(source[1], destination[1]);
    }
}
