using RenderFarm.Dsp;
using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// A stereo bus (or the master): what is summed into <see cref="Input"/> goes through the inserts, then
/// the balance (the session's pan law on a stereo signal) and the fader, sample-accurately when automated.
/// The result is left in <see cref="Input"/>, and its peak is kept.
/// </summary>
internal sealed class BusRenderer
{
    private readonly InsertChain _inserts;
    private readonly GainLane _fader;
    private readonly PanLane? _pan;
    private readonly float[] _left;
    private readonly float[] _right;
    private readonly float[] _gains;

    public BusRenderer(IReadOnlyList<Inserts.InsertSpec> inserts, IReadOnlyList<AutomationLane> automation, double gainDb, double? pan, PanLaw law, int sampleRate, int blockFrames)
    {
        AutomationLane? Lane(string name) => automation.FirstOrDefault(l => l.Parameter == name);
        _inserts = new InsertChain(inserts, automation, new AudioSpec(sampleRate, 2, blockFrames));
        _fader = new GainLane(gainDb, Lane("gain_db"), sampleRate);
        _pan = pan is { } p ? new PanLane(law, p, Lane("pan"), sampleRate, stereo: true) : null;
        _left = new float[blockFrames];
        _right = new float[blockFrames];
        _gains = new float[blockFrames];
        Input = new AudioBuffer(2, blockFrames);
    }

    public static BusRenderer For(BusSpec bus, SessionSpec session, int blockFrames) =>
        new(bus.Inserts, bus.Automation, bus.GainDb, bus.Pan, session.PanLaw, session.SampleRate, blockFrames);

    public static BusRenderer For(MasterSpec master, SessionSpec session, int blockFrames) =>
        new(master.Inserts, master.Automation, master.GainDb, pan: null, session.PanLaw, session.SampleRate, blockFrames);

    /// <summary>The sum of the bus's sources for the current block; after <see cref="Process"/>, its output.</summary>
    public AudioBuffer Input { get; }

    /// <summary>The largest output sample magnitude so far.</summary>
    public float Peak { get; private set; }

    public void Process(long frame, int frames)
    {
        var block = Input.AsBlock(frames);
        _inserts.Process(block, frame);
        var left = _left.AsSpan(0, frames);
        var right = _right.AsSpan(0, frames);
        var fader = _gains.AsSpan(0, frames);
        var faderMoves = _fader.Fill(frame, fader, out var gain);
        var sides = (Left: 1.0f, Right: 1.0f);
        var panMoves = _pan is not null && _pan.Fill(frame, left, right, out sides);
        if (!faderMoves && !panMoves)
        {
            Scale(block[0], sides.Left * gain);
            Scale(block[1], sides.Right * gain);
        }
        else
        {
            if (!faderMoves)
            {
                fader.Fill(gain);
            }

            if (!panMoves)
            {
                left.Fill(sides.Left);
                right.Fill(sides.Right);
            }

            VectorMath.Multiply(left, fader);
            VectorMath.Multiply(right, fader);
            VectorMath.Multiply(block[0], left);
            VectorMath.Multiply(block[1], right);
        }

        Peak = Math.Max(Peak, Math.Max(VectorMath.MaxAbs(block[0]), VectorMath.MaxAbs(block[1])));
    }

    private static void Scale(Span<float> samples, float gain)
    {
        if (gain != 1.0f)
        {
            VectorMath.Scale(samples, gain);
        }
    }
}
