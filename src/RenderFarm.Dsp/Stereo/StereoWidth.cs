using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Stereo;

/// <summary>
/// Stereo width on mid/side: the side is scaled, and below the mono frequency removed by a Linkwitz-Riley
/// high-pass. The mid goes through the crossover's all-pass so that mid and side keep one phase
/// response and the image above the crossover is unchanged. Works on two channels only.
/// </summary>
public sealed class StereoWidth(StereoWidthSettings settings) : IAudioProcessor
{
    private BiquadFilter[] _sideHighPass = [];
    private BiquadFilter? _midAllPass;
    private float[][] _mid = [[]];
    private float[][] _side = [[]];

    public StereoWidthSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (spec.Channels != 2)
        {
            throw new ArgumentException($"stereo width works on 2 channels; the audio has {spec.Channels}", nameof(spec));
        }

        Settings.Validate(spec.SampleRate);
        _mid = [new float[spec.MaxBlockFrames]];
        _side = [new float[spec.MaxBlockFrames]];
        var mono = new AudioSpec(spec.SampleRate, 1, spec.MaxBlockFrames);
        if (Settings.MonoBelowHz is { } f)
        {
            var q = Math.Sqrt(0.5);
            _sideHighPass = [new(BiquadDesign.HighPass(spec.SampleRate, f, q)), new(BiquadDesign.HighPass(spec.SampleRate, f, q))];
            _midAllPass = new BiquadFilter(BiquadDesign.AllPass(spec.SampleRate, f, q));
            foreach (var filter in _sideHighPass.Append(_midAllPass))
            {
                filter.Prepare(mono);
            }
        }
    }

    public void Reset()
    {
        foreach (var filter in _sideHighPass)
        {
            filter.Reset();
        }

        _midAllPass?.Reset();
    }

    public void Process(AudioBlock block)
    {
        var n = block.Frames;
        var left = block[0];
        var right = block[1];
        var mid = _mid[0].AsSpan(0, n);
        var side = _side[0].AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            mid[i] = 0.5f * (left[i] + right[i]);
            side[i] = 0.5f * (left[i] - right[i]);
        }

        if (_midAllPass is not null)
        {
            var sideBlock = new AudioBlock(_side, 1, 0, n);
            _midAllPass.Process(new AudioBlock(_mid, 1, 0, n));
            _sideHighPass[0].Process(sideBlock);
            _sideHighPass[1].Process(sideBlock);
        }

        VectorMath.Scale(side, (float)Settings.Width);
        for (var i = 0; i < n; i++)
        {
            left[i] = mid[i] + side[i];
            right[i] = mid[i] - side[i];
        }
    }
}
