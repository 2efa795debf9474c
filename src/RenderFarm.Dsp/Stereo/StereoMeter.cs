using RenderFarm.Dsp.Metering;

namespace RenderFarm.Dsp.Stereo;

/// <summary>
/// Measures a stereo programme's correlation (overall and per one-second window, windows quieter than
/// -50 dBFS ignored) for <see cref="StereoReport"/>. The loudness of the programme and of its mono
/// fold-down come from the caller's loudness meter (prepared with <see cref="LoudnessMeterOptions.MonoFoldDown"/>),
/// which already has the K-weighted channels.
/// </summary>
public sealed class StereoMeter : IAudioMeter
{
    private const double WindowSeconds = 1.0;
    private static readonly double QuietWindow = Decibels.ToPower(-50.0);

    private readonly List<(double Start, double Correlation)> _windows = [];
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
        Reset();
    }

    public void Reset()
    {
        _windows.Clear();
        _ll = _rr = _lr = _wll = _wrr = _wlr = 0;
        _inWindow = 0;
        _frames = 0;
    }

    public void Add(AudioBlock block)
    {
        var left = block[0];
        var right = block[1];
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

        _frames += block.Frames;
    }

    /// <summary>The report, given the programme's loudness from a meter prepared with <see cref="LoudnessMeterOptions.MonoFoldDown"/>.</summary>
    public StereoReport GetReport(LoudnessReport loudness)
    {
        ArgumentNullException.ThrowIfNull(loudness);
        var mono = loudness.MonoFoldDownLufs
            ?? throw new ArgumentException("the loudness meter was not asked for the mono fold-down (LoudnessMeterOptions.MonoFoldDown)", nameof(loudness));
        var ll = _ll + _wll;
        var rr = _rr + _wrr;
        var lr = _lr + _wlr;
        var correlation = ll > 0 && rr > 0 ? lr / Math.Sqrt(ll * rr) : 1.0;
        var worst = _windows.Count > 0 ? _windows.MinBy(w => w.Correlation) : (Start: 0.0, Correlation: correlation);
        var stereo = loudness.IntegratedLufs;
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
