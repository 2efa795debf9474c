using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// Plays a track's regions from its source file onto the session's timeline, block by block: each
/// region opens the file (converted to the session's rate if it differs) when it starts, skips to its
/// in-point, applies its gain and raised-cosine fades, and closes the file when it ends. Only one file
/// is open per track at a time, whatever the length.
/// </summary>
internal sealed class SourcePlayer : IDisposable
{
    private readonly string _path;
    private readonly string _field;
    private readonly int _sampleRate;
    private readonly Region[] _regions;
    private IAudioReader? _reader;
    private int _open = -1;

    /// <param name="source">The source file as probed.</param>
    /// <param name="regions">The track's regions; none plays the whole file from the start.</param>
    /// <param name="sampleRate">The session's rate.</param>
    /// <param name="field">The session field that names the source, for errors about its samples.</param>
    public SourcePlayer(RenderSource source, IReadOnlyList<RegionSpec> regions, int sampleRate, string field)
    {
        _path = source.Path;
        _field = field;
        _sampleRate = sampleRate;
        var sourceFrames = source.FramesAtSessionRate;
        IEnumerable<RegionSpec> list = regions.Count > 0 ? regions : [new RegionSpec()];
        _regions = [.. list.OrderBy(r => r.StartSeconds).Select(r =>
        {
            var start = Frames(r.StartSeconds);
            var sourceIn = Frames(r.SourceInSeconds);
            var length = r.LengthSeconds is { } l ? Frames(l) : Math.Max(0, sourceFrames - sourceIn);
            return new Region(start, sourceIn, length, Frames(r.FadeInSeconds), Frames(r.FadeOutSeconds), (float)Decibels.ToAmplitude(r.GainDb));
        })];
        Channels = source.Channels;
        EndFrame = _regions.Length == 0 ? 0 : _regions.Max(r => r.Start + r.Length);
    }

    /// <summary>1 or 2: the source's channels.</summary>
    public int Channels { get; }

    /// <summary>Where the last region ends on the timeline.</summary>
    public long EndFrame { get; }

    /// <summary>Fills <paramref name="block"/> (the source's channels) with the timeline from <paramref name="frame"/>.</summary>
    public void Render(long frame, AudioBlock block)
    {
        block.Clear();
        var end = frame + block.Frames;
        for (var i = 0; i < _regions.Length; i++)
        {
            var region = _regions[i];
            var from = Math.Max(frame, region.Start);
            var to = Math.Min(end, region.Start + region.Length);
            if (from >= to)
            {
                if (i == _open && end >= region.Start + region.Length)
                {
                    Close();
                }

                continue;
            }

            var reader = Open(i, from);
            var target = block.Slice((int)(from - frame), (int)(to - from));
            var got = 0;
            while (got < target.Frames)
            {
                var n = reader.Read(target.Slice(got, target.Frames - got));
                if (n == 0)
                {
                    break; // the source ended early: silence
                }

                got += n;
            }

            Inspect(target, reader.Position - got);

            Shape(region, from, target);
            if (to == region.Start + region.Length)
            {
                Close();
            }
        }
    }

    public void Dispose() => Close();

    // Refuses samples that are not numbers rather than mixing them in.
    private void Inspect(AudioBlock read, long sourceFrame)
    {
        for (var c = 0; c < read.Channels; c++)
        {
            if (!VectorMath.AllFinite(read[c]))
            {
                var n = 0;
                while (float.IsFinite(read[c][n]))
                {
                    n++;
                }

                throw new SessionException(_field, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"'{Path.GetFileName(_path)}' holds a sample that is not a finite number ({read[c][n]}) in channel {c + 1} at {(double)(sourceFrame + n) / _sampleRate:0.000} s (at the session's rate): the source is damaged"));
            }
        }
    }

    private IAudioReader Open(int index, long from)
    {
        if (_open == index && _reader is not null)
        {
            return _reader;
        }

        Close();
        var region = _regions[index];
        var file = AudioFile.OpenRead(_path);
        _reader = file.Info.SampleRate == _sampleRate ? file : new ResampledReader(file, _sampleRate);
        _open = index;
        _reader.Skip(region.SourceIn + (from - region.Start));
        return _reader;
    }

    private void Close()
    {
        _reader?.Dispose();
        _reader = null;
        _open = -1;
    }

    // Region gain and raised-cosine fades over the frames [from, from + target.Frames).
    private static void Shape(Region region, long from, AudioBlock target)
    {
        var fadeOutStart = region.Start + region.Length - region.FadeOut;
        var needsFades = (region.FadeIn > 0 && from < region.Start + region.FadeIn) || (region.FadeOut > 0 && from + target.Frames > fadeOutStart);
        if (!needsFades)
        {
            if (region.Gain != 1.0f)
            {
                for (var c = 0; c < target.Channels; c++)
                {
                    VectorMath.Scale(target[c], region.Gain);
                }
            }

            return;
        }

        for (var n = 0; n < target.Frames; n++)
        {
            var t = from + n;
            var g = (double)region.Gain;
            if (t - region.Start < region.FadeIn)
            {
                g *= 0.5 * (1.0 - Math.Cos(Math.PI * (t - region.Start) / region.FadeIn));
            }

            if (t >= fadeOutStart && region.FadeOut > 0)
            {
                g *= 0.5 * (1.0 + Math.Cos(Math.PI * (t - fadeOutStart + 1) / region.FadeOut));
            }

            for (var c = 0; c < target.Channels; c++)
            {
                target[c][n] = (float)(target[c][n] * g);
            }
        }
    }

    private long Frames(double seconds) => (long)Math.Round(seconds * _sampleRate);

    private readonly record struct Region(long Start, long SourceIn, long Length, long FadeIn, long FadeOut, float Gain);
}
