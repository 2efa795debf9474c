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
    private IntPtr _state;
    private int _pending;
    private double _maxMomentary = double.NegativeInfinity;
    private double _maxShortTerm = double.NegativeInfinity;

    public ReferenceMeter(int sampleRate, int channels, int[]? channelMap = null, int mode = LibEbur128.ModeAll)
    {
        _channels = channels;
        _framesPer100Ms = (sampleRate + 5) / 10;
        _interleaved = new float[_framesPer100Ms * channels];
        _state = LibEbur128.Init((uint)channels, (nuint)sampleRate, mode);
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
                Check(LibEbur128.LoudnessMomentary(_state, out var m), "loudness_momentary");
                Check(LibEbur128.LoudnessShortTerm(_state, out var s), "loudness_shortterm");
                _maxMomentary = Math.Max(_maxMomentary, m);
                _maxShortTerm = Math.Max(_maxShortTerm, s);
            }
        }
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

    public void Dispose()
    {
        if (_state != IntPtr.Zero)
        {
            LibEbur128.Destroy(ref _state);
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
