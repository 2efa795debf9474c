using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Mastering.Cd;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// An album's disc programme as a stream of float blocks: its 44.1 kHz masters placed as laid out, silence
/// in the gaps, equal-power (sine/cosine) fades summed where songs crossfade. Two songs are open at most.
/// </summary>
internal sealed class AlbumProgramme(AlbumLayout layout, IReadOnlyList<string> songPaths, int maxBlockFrames) : IDisposable
{
    private const int Channels = 2;
    private readonly AudioBuffer _scratch = new(Channels, maxBlockFrames);
    private readonly IAudioReader?[] _readers = new IAudioReader?[songPaths.Count];
    private long _at;

    /// <summary>Fills <paramref name="block"/> (stereo) with the programme's next frames; returns how many, 0 at its end.</summary>
    public int Read(AudioBlock block)
    {
        var n = (int)Math.Min(Math.Min(block.Frames, maxBlockFrames), layout.TotalSamples - _at);
        if (n <= 0)
        {
            return 0;
        }

        var at = _at;
        block = block.Slice(0, n);
        block.Clear();
        for (var s = 0; s < songPaths.Count; s++)
        {
            var start = layout.Starts[s];
            var end = start + layout.Lengths[s];
            if (end <= at || start >= at + n)
            {
                if (end <= at && _readers[s] is { } done)
                {
                    done.Dispose();
                    _readers[s] = null;
                }

                continue;
            }

            var reader = _readers[s] ??= Open(songPaths[s]);
            var from = (int)Math.Max(0, start - at);
            var count = (int)(Math.Min(at + n, end) - (at + from));
            var part = new AudioBlock([_scratch.Channel(0), _scratch.Channel(1)], reader.Info.Channels, 0, count);
            var got = ReadFully(reader, part);
            for (var i = 0; i < got; i++)
            {
                var gain = Gain(layout, s, at + from + i);
                for (var c = 0; c < Channels; c++)
                {
                    block[c][from + i] += (float)((reader.Info.Channels == 1 ? part[0] : part[c])[i] * gain);
                }
            }
        }

        _at += n;
        return n;
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader?.Dispose();
        }
    }

    // Equal-power fades: the incoming song rises on a sine quarter, the outgoing one falls on a cosine.
    private static double Gain(AlbumLayout layout, int song, long t)
    {
        var gain = 1.0;
        var fadeIn = layout.FadeIns[song];
        if (fadeIn > 0 && t < layout.Starts[song] + fadeIn)
        {
            gain *= Math.Sin(Math.PI / 2 * ((t - layout.Starts[song]) + 0.5) / fadeIn);
        }

        if (song + 1 < layout.Starts.Count && layout.FadeIns[song + 1] is > 0 and var fadeOut && t >= layout.Starts[song + 1])
        {
            gain *= Math.Cos(Math.PI / 2 * ((t - layout.Starts[song + 1]) + 0.5) / fadeOut);
        }

        return gain;
    }

    private static IAudioReader Open(string path)
    {
        var reader = AudioFile.OpenRead(path);
        if (reader.Info.SampleRate != CdTime.SampleRate || reader.Info.Channels is not (1 or 2))
        {
            reader.Dispose();
            throw new AudioFileException(path, "format", $"a disc programme is made of 44.1 kHz mono or stereo masters; this one is {reader.Info.SampleRate} Hz, {reader.Info.Channels} channels");
        }

        return reader;
    }

    private static int ReadFully(IAudioReader reader, AudioBlock block)
    {
        var total = 0;
        while (total < block.Frames)
        {
            var n = reader.Read(block.Slice(total, block.Frames - total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}

