using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Dsp;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// A track's contribution read back from its stems (<see cref="StemFiles"/>): each must be 32-bit float
/// stereo at the session's rate and exactly the render's length, so the mixdown sums the very samples a
/// one-pass render would.
/// </summary>
internal sealed class StemFeed : ITrackFeed
{
    private readonly IAudioReader[] _readers;
    private readonly AudioBuffer[] _buffers;

    public StemFeed(MixPlan plan, int track, string directory, int blockFrames)
    {
        Track = track;
        var names = StemFiles.All(plan.Session, track);
        _readers = new IAudioReader[names.Count];
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                _readers[i] = Open(plan, Path.Combine(directory, names[i]));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        _buffers = [.. names.Select(_ => new AudioBuffer(2, blockFrames))];
        Direct = _buffers[0];
        Sends = _buffers[1..];
    }

    public int Track { get; }

    public AudioBuffer Direct { get; }

    public IReadOnlyList<AudioBuffer> Sends { get; }

    public void Render(long frame, int frames)
    {
        for (var i = 0; i < _readers.Length; i++)
        {
            var block = _buffers[i].AsBlock(frames);
            var got = 0;
            while (got < frames)
            {
                var n = _readers[i].Read(block.Slice(got, frames - got));
                if (n == 0)
                {
                    throw new SessionException(_readers[i].Info.Path, $"the stem ended at frame {frame + got}, before the render's end: it was cut short after it was written");
                }

                got += n;
            }
        }
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader?.Dispose();
        }
    }

    private static IAudioReader Open(MixPlan plan, string path)
    {
        if (!File.Exists(path))
        {
            throw new SessionException(path, "the stem is missing: render the track's stems first");
        }

        IAudioReader reader;
        try
        {
            reader = AudioFile.OpenRead(path);
        }
        catch (AudioFileException e)
        {
            throw new SessionException(path, $"the stem cannot be read: {e.Message}");
        }

        var info = reader.Info;
        if (info.Channels != 2 || info.SampleRate != plan.Session.SampleRate || info.SampleFormat != SampleFormat.Float32 || info.Frames != plan.Frames)
        {
            reader.Dispose();
            throw new SessionException(path, string.Create(CultureInfo.InvariantCulture,
                $"the stem is {info.Channels} channels, {info.SampleRate} Hz, {info.SampleFormat?.ToString() ?? info.Codec}, {info.Frames} frames; this session's stems are 2 channels, {plan.Session.SampleRate} Hz, Float32, {plan.Frames} frames (rendered from other settings?)"));
        }

        return reader;
    }
}
