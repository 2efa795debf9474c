using RenderFarm.Dsp.Spectral;

namespace RenderFarm.Restoration;

/// <summary>
/// An autoregressive model fitted to a stretch of fixed length: Hann-windowed autocorrelation, a whisper of
/// white noise (-50 dB) so that pure tones stay well-conditioned, Levinson-Durbin. Holds its scratch.
/// </summary>
internal sealed class ArModel
{
    private readonly float[] _window;
    private readonly float[] _windowed;
    private readonly double[] _autocorrelation;
    private readonly double[] _scratch;

    public ArModel(int order, int length)
    {
        _window = new float[length];
        LinearPrediction.Hann(_window);
        _windowed = new float[length];
        _autocorrelation = new double[order + 1];
        _scratch = new double[order + 1];
        Coefficients = new double[order + 1];
    }

    /// <summary>a[0..p], a[0] = 1: the prediction error is sum a[k] x[n - k].</summary>
    public double[] Coefficients { get; }

    /// <summary>Fits the model to <paramref name="stretch"/> (the length given); false on silence or a degenerate stretch.</summary>
    public bool Fit(ReadOnlySpan<float> stretch)
    {
        LinearPrediction.WindowedAutocorrelation(stretch, _window, _windowed, _autocorrelation);
        if (_autocorrelation[0] < 1e-12 * stretch.Length)
        {
            return false;
        }

        _autocorrelation[0] *= 1.00001;
        return LinearPrediction.Levinson(_autocorrelation, Coefficients, _scratch, out _);
    }
}
