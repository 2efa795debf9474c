using RenderFarm.Dsp;
using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Inserts;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// A chain of inserts with their automation. An insert whose settings move within a block is run in
/// pieces of <see cref="ControlFrames"/> frames, its settings taken from the lanes at each piece's first
/// frame (the processors keep their state across the change, so there is no zipper); the others run
/// the whole block at once.
/// </summary>
internal sealed class InsertChain
{
    public const int ControlFrames = 32;

    private readonly InsertSpec[] _specs;
    private readonly IAudioProcessor[] _processors;
    private readonly (string Parameter, AutomationLane Lane)[][] _lanes;
    private readonly double[][] _applied;
    private readonly int _sampleRate;

    public InsertChain(IReadOnlyList<InsertSpec> inserts, IReadOnlyList<AutomationLane> automation, AudioSpec spec)
    {
        _specs = [.. inserts];
        _sampleRate = spec.SampleRate;
        _lanes = new (string, AutomationLane)[_specs.Length][];
        for (var i = 0; i < _specs.Length; i++)
        {
            var prefix = $"inserts[{i}].";
            _lanes[i] = [.. automation.Where(l => l.Parameter.StartsWith(prefix, StringComparison.Ordinal)).Select(l => (l.Parameter[prefix.Length..], l))];
        }

        _processors = new IAudioProcessor[_specs.Length];
        _applied = new double[_specs.Length][];
        for (var i = 0; i < _specs.Length; i++)
        {
            // The lanes' values at the start set the insert's first settings.
            _applied[i] = [.. _lanes[i].Select(l => l.Lane.ValueAt(0))];
            _specs[i] = With(i, _applied[i]);
            _processors[i] = _specs[i].CreateProcessor();
            _processors[i].Prepare(spec);
        }
    }

    public bool IsEmpty => _specs.Length == 0;

    public double TailSeconds => _specs.Sum(s => s.TailSeconds);

    public void Process(AudioBlock block, long firstFrame)
    {
        for (var i = 0; i < _processors.Length; i++)
        {
            var lanes = _lanes[i];
            var from = (double)firstFrame / _sampleRate;
            var to = (double)(firstFrame + block.Frames) / _sampleRate;
            if (!AnyMoves(lanes, from, to))
            {
                Set(i, firstFrame);
                _processors[i].Process(block);
                continue;
            }

            for (var done = 0; done < block.Frames; done += ControlFrames)
            {
                Set(i, firstFrame + done);
                _processors[i].Process(block.Slice(done, Math.Min(ControlFrames, block.Frames - done)));
            }
        }
    }

    private static bool AnyMoves((string Parameter, AutomationLane Lane)[] lanes, double from, double to)
    {
        foreach (var (_, lane) in lanes)
        {
            if (lane.Moves(from, to))
            {
                return true;
            }
        }

        return false;
    }

    // Brings insert i to its lanes' values at a frame, if they changed.
    private void Set(int i, long frame)
    {
        var lanes = _lanes[i];
        var applied = _applied[i];
        var changed = false;
        for (var k = 0; k < lanes.Length; k++)
        {
            var value = lanes[k].Lane.ValueAt((double)frame / _sampleRate);
            changed |= value != applied[k];
            applied[k] = value;
        }

        if (changed)
        {
            _specs[i] = With(i, applied);
            _specs[i].Apply(_processors[i]);
        }
    }

    private InsertSpec With(int i, double[] values)
    {
        var spec = _specs[i];
        for (var k = 0; k < values.Length; k++)
        {
            spec = spec.Changed(_lanes[i][k].Parameter, values[k]);
        }

        return spec;
    }
}
