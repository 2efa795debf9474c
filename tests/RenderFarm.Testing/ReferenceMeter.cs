using RenderFarm.Dsp;

namespace RenderFarm.Testing;

/// <summary>
/// Feeds planar blocks to libebur128 and reads its figures. Momentary and short-term loudness are read at
/// every 100 ms boundary from the start, as our meter does, to find their maxima.
/// </summary>
public sealed class ReferenceMeter : IDisposable
{
    private readonly int _channels;
    private readonly int _framesPer100Ms;
    private readonly float[] _interleaved;
    private readonly bool _readMomentary;
    private IntPtr _state;
    private float[] _direct = [];
    private int _pending;
    private double _maxMomentary = double.NegativeInfinity;
    private double _maxShortTerm = double.NegativeInfinity;

    // readMomentary: read momentary and short-term loudness every 100 ms for their maxima (off for timing the core measurement).
    public ReferenceMeter(int sampleRate, int channels, int[]? channelMap = null, bool readMomentary = true)
    {
        _readMomentary = readMomentary;
        _channels = channels;
        _framesPer100Ms = (sampleRate + 5) / 10;
        _interleaved = new float[_framesPer100Ms * channels];
        _state = LibEbur128.Init((uint)channels, (nuint)sampleRate, LibEbur128.ModeAll);
        if (_state == IntPtr.Zero)
        {
            throw new InvalidOperationException($"libebur128 refused {channels} channels at {sampleRate} Hz");
        }

        if (channelMap is not null)
        {
            for (var c = 0; c < channelMap.Length; c++)
            {
                Check(LibEbur128.SetChannel(_state, (uint)c, channelMap[c]), "set_channel");
            }
        }
    }

    public void Add(AudioBlock block)
    {
        if (!_readMomentary && _pending == 0 && block.Frames <= _framesPer100Ms * 8)
        {
            AddDirect(block);
            return;
        }

        var offset = 0;
        while (offset < block.Frames)
        {
            var n = Math.Min(_framesPer100Ms - _pending, block.Frames - offset);
            for (var c = 0; c < _channels; c++)
            {
                var src = block[c].Slice(offset, n);
                for (var i = 0; i < n; i++)
                {
                    _interleaved[((_pending + i) * _channels) + c] = src[i];
                }
            }

            _pending += n;
            offset += n;
            if (_pending == _framesPer100Ms)
            {
                Flush();
                if (_readMomentary)
                {
                    Check(LibEbur128.LoudnessMomentary(_state, out var m), "loudness_momentary");
                    Check(LibEbur128.LoudnessShortTerm(_state, out var s), "loudness_shortterm");
                    _maxMomentary = Math.Max(_maxMomentary, m);
                    _maxShortTerm = Math.Max(_maxShortTerm, s);
                }
            }
        }
    }

    /// <summary>Reads a whole file with our reader and measures it with libebur128.</summary>
    public static ReferenceLoudness MeasureFile(string path, bool readMomentary = false)
    {
        using var reader = RenderFarm.Audio.AudioFile.OpenRead(path);
        using var meter = new ReferenceMeter(reader.Info.SampleRate, reader.Info.Channels, readMomentary: readMomentary);
        var buffer = new AudioBuffer(reader.Info.Channels, 16_384);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            meter.Add(buffer.AsBlock(n));
        }

        return meter.Result();
    }

    public ReferenceLoudness Result()
    {
        Flush();
        Check(LibEbur128.LoudnessGlobal(_state, out var integrated), "loudness_global");
        Check(LibEbur128.LoudnessRange(_state, out var range), "loudness_range");
        double truePeak = 0, samplePeak = 0;
        for (var c = 0; c < _channels; c++)
        {
            Check(LibEbur128.TruePeak(_state, (uint)c, out var tp), "true_peak");
            Check(LibEbur128.SamplePeak(_state, (uint)c, out var sp), "sample_peak");
            truePeak = Math.Max(truePeak, tp);
            samplePeak = Math.Max(samplePeak, sp);
        }

        return new ReferenceLoudness(integrated, range, Decibels.FromAmplitude(truePeak), Decibels.FromAmplitude(samplePeak), _maxMomentary, _maxShortTerm);
    }

    /// <summary>libebur128's loudness of several programmes taken as one (ebur128_loudness_global_multiple).</summary>
    public static double IntegratedOf(IReadOnlyList<ReferenceMeter> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        foreach (var meter in meters)
        {
            meter.Flush();
        }

        Check(LibEbur128.LoudnessGlobalMultiple([.. meters.Select(m => m._state)], (nuint)meters.Count, out var lufs), "loudness_global_multiple");
        return lufs;
    }

    /// <summary>libebur128's loudness of the files taken as one programme (an album's tracks, for one).</summary>
    public static double IntegratedOfFiles(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var meters = new List<ReferenceMeter>();
        try
        {
            foreach (var file in files)
            {
                using var reader = RenderFarm.Audio.AudioFile.OpenRead(file);
                var meter = new ReferenceMeter(reader.Info.SampleRate, reader.Info.Channels, readMomentary: false);
                meters.Add(meter);
                var buffer = new AudioBuffer(reader.Info.Channels, 16_384);
                int n;
                while ((n = reader.Read(buffer.AsBlock())) > 0)
                {
                    meter.Add(buffer.AsBlock(n));
                }
            }

            return IntegratedOf(meters);
        }
        finally
        {
            meters.ForEach(m => m.Dispose());
        }
    }

    public void Dispose()
    {
        if (_state != IntPtr.Zero)
        {
            LibEbur128.Destroy(ref _state);
        }
    }

    // Without 100 ms readings, a whole block goes to libebur128 in one call, as a scanner would feed it.
    private unsafe void AddDirect(AudioBlock block)
    {
        var needed = block.Frames * _channels;
        if (_direct.Length < needed)
        {
            _direct = new float[needed];
        }

        for (var c = 0; c < _channels; c++)
        {
            var src = block[c];
            for (var i = 0; i < src.Length; i++)
            {
                _direct[(i * _channels) + c] = src[i];
            }
        }

        fixed (float* p = _direct)
        {
            Check(LibEbur128.AddFramesFloat(_state, p, (nuint)block.Frames), "add_frames_float");
        }
    }

    private unsafe void Flush()
    {
        if (_pending == 0)
        {
            return;
        }

        fixed (float* p = _interleaved)
        {
            Check(LibEbur128.AddFramesFloat(_state, p, (nuint)_pending), "add_frames_float");
        }

        _pending = 0;
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"libebur128 {call} failed with error {error}");
        }
    }
}
