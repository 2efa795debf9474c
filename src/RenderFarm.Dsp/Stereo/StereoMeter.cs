using RenderFarm.Dsp.Metering;

namespace RenderFarm.Dsp.Stereo;

/// <summary>
/// Measures a stereo programme's correlation (overall and per one-second window, windows quieter than
/// -50 dBFS ignored) and the loudness of its mono fold-down, for <see cref="StereoReport"/>. The stereo
/// loudness it is compared with comes from the caller's own meter.
/// </summary>
public sealed class StereoMeter : IAudioMeter
{
    private const double WindowSeconds = 1.0;
    private static readonly double QuietWindow = Decibels.ToPower(-50.0);

    private readonly LoudnessMeter _mono = new(new LoudnessMeterOptions { TruePeak = false, KeepSeries = false });
    private readonly List<(double Start, double Correlation)> _windows = [];
    private float[][] _monoBuffer = [[]];
    private int _windowFrames;
    private int _sampleRate;
    private double _ll, _rr, _lr, _wll, _wrr, _wlr;
    private int _inWindow;
    private long _frames;

    /// <summary>Correlation of each one-second window that was loud enough to judge: start time and value.</summary>
    public IReadOnlyList<(double Start, double Correlation)> Windows => _windows;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (spec.Channels != 2)
        {
            throw new ArgumentException($"the stereo meter needs 2 channels; the audio has {spec.Channels}", nameof(spec));
        }

        _sampleRate = spec.SampleRate;
        _windowFrames = (int)(WindowSeconds * spec.SampleRate);
        _mono.Prepare(spec with { Channels = 1 });
        _monoBuffer = [new float[spec.MaxBlockFrames]];
        Reset();
    }

    public void Reset()
    {
        _mono.Reset();
        _windows.Clear();
        _ll = _rr = _lr = _wll = _wrr = _wlr = 0;
        _inWindow = 0;
        _frames = 0;
    }

    public void Add(AudioBlock block)
    {
        var left = block[0];
        var right = block[1];
        var mono = _monoBuffer[0].AsSpan(0, block.Frames);
        VectorMath.Average(left, right, mono);
        var i = 0;
        while (i < block.Frames)
        {
            var n = Math.Min(_windowFrames - _inWindow, block.Frames - i);
            var l = left.Slice(i, n);
            var r = right.Slice(i, n);
            _wll += VectorMath.SumOfSquares(l);
            _wrr += VectorMath.SumOfSquares(r);
            _wlr += VectorMath.Dot(l, r);
            _inWindow += n;
            i += n;
            if (_inWindow == _windowFrames)
            {
                CloseWindow(_frames + i);
            }
        }

        _mono.Add(new AudioBlock(_monoBuffer, 1, 0, block.Frames));
        _frames += block.Frames;
    }

    /// <summary>The report, given the programme's stereo integrated loudness from the caller's meter.</summary>
    public StereoReport GetReport(double stereoIntegratedLufs)
    {
        var ll = _ll + _wll;
        var rr = _rr + _wrr;
        var lr = _lr + _wlr;
        var correlation = ll > 0 && rr > 0 ? lr / Math.Sqrt(ll * rr) : 1.0;
        var worst = _windows.Count > 0 ? _windows.MinBy(w => w.Correlation) : (Start: 0.0, Correlation: correlation);

        // The fold-down plays on both speakers: its loudness is the one-channel figure plus 3 dB.
        var stereo = stereoIntegratedLufs;
        var mono = _mono.GetReport().IntegratedLufs + Decibels.FromPower(2.0);
        var loss = double.IsFinite(stereo) ? (double.IsFinite(mono) ? stereo - mono : double.PositiveInfinity) : 0.0;
        return new StereoReport(correlation, worst.Correlation, worst.Start, loss);
    }

    private void CloseWindow(long end)
    {
        var start = (end - _windowFrames) / (double)_sampleRate;
        if ((_wll + _wrr) / (2.0 * _windowFrames) > QuietWindow && _wll > 0 && _wrr > 0)
        {
            _windows.Add((start, _wlr / Math.Sqrt(_wll * _wrr)));
        }

        _ll += _wll;
        _rr += _wrr;
        _lr += _wlr;
        _wll = _wrr = _wlr = 0;
        _inWindow = 0;
    }
}
