using RenderFarm.Dsp;
using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// Renders one track on its own, block by block: source regions, trim and polarity, inserts, then the
/// fader and pan (the law of the session; a balance on stereo sources) into a stereo output, and each
/// send into its own stereo output (pre-fader sends are placed by the pan but not the fader). Arrangement
/// mutes silence the output and the sends, with 5 ms raised-cosine ramps outside each muted stretch.
/// Everything is sample-accurate: gain, pan, trim and send levels follow their lanes frame by frame.
/// </summary>
internal sealed class TrackRenderer : ITrackFeed
{
    private const double MuteRampSeconds = 0.005;

    private readonly TrackSpec _track;
    private readonly int _rate;
    private readonly SourcePlayer _source;
    private readonly InsertChain _inserts;
    private readonly AudioBuffer _work;
    private readonly AudioBuffer _placed;
    private readonly GainLane _trim;
    private readonly GainLane _fader;
    private readonly GainLane[] _sendLevels;
    private readonly PanLane _pan;
    private readonly float[] _left;
    private readonly float[] _right;
    private readonly float[] _gain;
    private readonly float[] _mute;
    private readonly float _polarity;
    private readonly TimeRange[] _mutes;
    private readonly bool _anyPreFader;

    public TrackRenderer(SessionSpec session, int index, RenderSource source, int blockFrames)
    {
        _track = session.Tracks[index];
        Track = index;
        _rate = session.SampleRate;
        _source = new SourcePlayer(source, _track.Regions, _rate, $"$.tracks[{index}].source");
        var channels = source.Channels;
        _inserts = new InsertChain(_track.Inserts, _track.Automation, new AudioSpec(_rate, channels, blockFrames));
        _work = new AudioBuffer(channels, blockFrames);
        _placed = new AudioBuffer(2, blockFrames);
        AutomationLane? Lane(string name) => _track.Automation.FirstOrDefault(l => l.Parameter == name);
        _trim = new GainLane(_track.TrimDb, Lane("trim_db"), _rate);
        _fader = new GainLane(_track.GainDb, Lane("gain_db"), _rate);
        _sendLevels = [.. _track.Sends.Select((s, i) => new GainLane(s.LevelDb, Lane($"sends[{i}].level_db"), _rate))];
        _pan = new PanLane(session.PanLaw, _track.Pan, Lane("pan"), _rate, channels == 2);
        _left = new float[blockFrames];
        _right = new float[blockFrames];
        _gain = new float[blockFrames];
        _mute = new float[blockFrames];
        _polarity = _track.InvertPolarity ? -1.0f : 1.0f;
        _mutes = [.. _track.Mutes];
        _anyPreFader = _track.Sends.Any(s => s.PreFader);
        Direct = new AudioBuffer(2, blockFrames);
        Sends = [.. _track.Sends.Select(_ => new AudioBuffer(2, blockFrames))];
    }

    public int Track { get; }

    /// <summary>The track's stereo output of the last block (post-fader, post-pan).</summary>
    public AudioBuffer Direct { get; }

    /// <summary>Each send's stereo output of the last block, in the order of the track's sends.</summary>
    public IReadOnlyList<AudioBuffer> Sends { get; }

    public void Render(long frame, int frames)
    {
        var work = _work.AsBlock(frames);
        _source.Render(frame, work);

        // Trim and polarity.
        var gain = _gain.AsSpan(0, frames);
        if (_trim.Fill(frame, gain, out var trim))
        {
            VectorMath.Scale(gain, _polarity);
            for (var c = 0; c < work.Channels; c++)
            {
                VectorMath.Multiply(work[c], gain);
            }
        }
        else if (trim * _polarity != 1.0f)
        {
            for (var c = 0; c < work.Channels; c++)
            {
                VectorMath.Scale(work[c], trim * _polarity);
            }
        }

        _inserts.Process(work, frame);

        // The pan's per-side gains, and the arrangement mutes' envelope.
        var left = _left.AsSpan(0, frames);
        var right = _right.AsSpan(0, frames);
        var panMoves = _pan.Fill(frame, left, right, out var sides);
        var muted = MuteEnvelope(frame, _mute.AsSpan(0, frames));
        var direct = Direct.AsBlock(frames);
        if (!panMoves && !_anyPreFader)
        {
            // The usual case: a fixed pan folds into the fader's gain, one pass per side.
            Level(work, 0, _fader, frame, muted, sides.Left, direct[0]);
            Level(work, work.Channels - 1, _fader, frame, muted, sides.Right, direct[1]);
        }
        else
        {
            var placed = _placed.AsBlock(frames);
            if (panMoves)
            {
                VectorMath.Multiply(work[0], left, placed[0]);
                VectorMath.Multiply(work[work.Channels - 1], right, placed[1]);
            }
            else
            {
                VectorMath.Scale(work[0], sides.Left, placed[0]);
                VectorMath.Scale(work[work.Channels - 1], sides.Right, placed[1]);
            }

            for (var s = 0; s < Sends.Count; s++)
            {
                if (_track.Sends[s].PreFader)
                {
                    Level(placed, _sendLevels[s], frame, muted, Sends[s].AsBlock(frames));
                }
            }

            Level(placed, _fader, frame, muted, direct);
        }

        for (var s = 0; s < Sends.Count; s++)
        {
            if (!_track.Sends[s].PreFader)
            {
                Level(direct, _sendLevels[s], frame, muted: false, Sends[s].AsBlock(frames));
            }
        }
    }

    public void Dispose() => _source.Dispose();

    // destination = source * level (per frame when automated) * the mute envelope when muted, both channels.
    private void Level(AudioBlock source, GainLane level, long frame, bool muted, AudioBlock destination)
    {
        for (var c = 0; c < 2; c++)
        {
            Level(source, c, level, frame, muted, 1.0f, destination[c]);
        }
    }

    // destination = source channel * side * level (per frame when automated) * the mute envelope when muted.
    private void Level(AudioBlock source, int channel, GainLane level, long frame, bool muted, float side, Span<float> destination)
    {
        var gain = _gain.AsSpan(0, source.Frames);
        var moving = level.Fill(frame, gain, out var constant);
        if (!moving && !muted)
        {
            VectorMath.Scale(source[channel], constant * side, destination);
            return;
        }

        if (!moving)
        {
            gain.Fill(constant);
        }

        if (muted)
        {
            VectorMath.Multiply(gain, _mute.AsSpan(0, source.Frames));
        }

        VectorMath.Multiply(source[channel], gain, destination);
        VectorMath.Scale(destination, side);
    }

    // 1 where the track plays, 0 within its arrangement mutes, raised-cosine ramps of 5 ms outside them;
    // false (and nothing written) when no mute is near this block.
    private bool MuteEnvelope(long frame, Span<float> envelope)
    {
        var ramp = MuteRampSeconds * _rate;
        var end = frame + envelope.Length;
        bool Near(TimeRange m) => (m.StartSeconds * _rate) - ramp < end && (m.EndSeconds * _rate) + ramp > frame;
        var any = false;
        foreach (var m in _mutes)
        {
            any |= Near(m);
        }

        if (!any)
        {
            return false;
        }

        envelope.Fill(1.0f);
        foreach (var m in _mutes)
        {
            if (!Near(m))
            {
                continue;
            }

            var (from, to) = (m.StartSeconds * _rate, m.EndSeconds * _rate);
            for (var n = 0; n < envelope.Length; n++)
            {
                var t = frame + n;
                double g;
                if (t >= from && t <= to)
                {
                    g = 0.0;
                }
                else if (t < from)
                {
                    var x = (from - t) / ramp;
                    g = x >= 1 ? 1 : 0.5 * (1 - Math.Cos(Math.PI * x));
                }
                else
                {
                    var x = (t - to) / ramp;
                    g = x >= 1 ? 1 : 0.5 * (1 - Math.Cos(Math.PI * x));
                }

                envelope[n] *= (float)g;
            }
        }

        return true;
    }
}
