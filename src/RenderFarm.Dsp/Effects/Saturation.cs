namespace RenderFarm.Dsp.Effects;

/// <summary>
/// tanh saturation with first-order antiderivative anti-aliasing (Parker, Zavalishin and Le Bivic,
/// 2016): each output is the mean of tanh between two successive inputs, (F(u1) - F(u0)) / (u1 - u0)
/// with F = ln cosh, which damps the aliases a bare tanh folds back from its harmonics. The saturated
/// path lags half a sample; the dry path (<see cref="SaturationSettings.Mix"/> under 1) does not.
/// </summary>
public sealed class Saturation : IAudioProcessor
{
    private const double Ln2 = 0.69314718055994531;
    private SaturationSettings _settings;
    private double _drive;
    private double _output;
    private double[] _previous = [];
    private double[] _previousF = [];

    public Saturation(SaturationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        Configure();
    }

    public SaturationSettings Settings => _settings;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _previous = new double[spec.Channels];
        _previousF = new double[spec.Channels];
        Reset();
    }

    /// <summary>Takes new settings between blocks (for automation).</summary>
    public void Update(SaturationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        Configure();
    }

    public void Reset()
    {
        Array.Clear(_previous);
        Array.Fill(_previousF, LnCosh(0.0));
    }

    public void Process(AudioBlock block)
    {
        var wet = _settings.Mix;
        var dry = 1.0 - wet;
        for (var c = 0; c < block.Channels; c++)
        {
            var x = block[c];
            double u0 = _previous[c], f0 = _previousF[c];
            for (var i = 0; i < x.Length; i++)
            {
                var u1 = _drive * x[i];
                var f1 = LnCosh(u1);
                var delta = u1 - u0;
                var y = Math.Abs(delta) > 1e-6 ? (f1 - f0) / delta : Math.Tanh(0.5 * (u0 + u1));
                x[i] = (float)(_output * ((dry * x[i]) + (wet * y)));
                (u0, f0) = (u1, f1);
            }

            _previous[c] = u0;
            _previousF[c] = f0;
        }
    }

    // ln cosh u without overflow: |u| + ln(1 + e^-2|u|) - ln 2.
    private static double LnCosh(double u)
    {
        var a = Math.Abs(u);
        return a + Math.Log(1.0 + Math.Exp(-2.0 * a)) - Ln2;
    }

    private void Configure()
    {
        _drive = Decibels.ToAmplitude(_settings.DriveDb);
        _output = Decibels.ToAmplitude(_settings.OutputDb);
    }
}
