namespace RenderFarm.Dsp.Spectral;

/// <summary>
/// Linear prediction (an autoregressive model) of a stretch of audio: coefficients a[0..p] with a[0] = 1 such
/// that the prediction error e[n] = sum a[k] x[n - k] is as small as least squares makes it, found from the
/// autocorrelation by the Levinson-Durbin recursion. Used by the click detector and by de-click's
/// interpolation; no allocation (the caller hands the scratch).
/// </summary>
public static class LinearPrediction
{
    /// <summary>
    /// Solves for <paramref name="coefficients"/> (length p + 1) from <paramref name="autocorrelation"/> (lags
    /// 0..p). False when the recursion meets a reflection coefficient of magnitude 1 or more (a silent or
    /// degenerate stretch): the model is then unusable. Returns the prediction error's power in
    /// <paramref name="errorPower"/>.
    /// </summary>
    public static bool Levinson(ReadOnlySpan<double> autocorrelation, Span<double> coefficients, Span<double> scratch, out double errorPower)
    {
        var order = coefficients.Length - 1;
        if (autocorrelation.Length <= order || scratch.Length < coefficients.Length)
        {
            throw new ArgumentException($"a model of order {order} needs {order + 1} autocorrelation lags and as much scratch");
        }

        coefficients.Clear();
        coefficients[0] = 1.0;
        var error = autocorrelation[0];
        errorPower = error;
        for (var i = 1; i <= order; i++)
        {
            var acc = autocorrelation[i];
            for (var j = 1; j < i; j++)
            {
                acc += coefficients[j] * autocorrelation[i - j];
            }

            var k = -acc / error;
            if (!double.IsFinite(k) || Math.Abs(k) >= 1.0)
            {
                return false;
            }

            coefficients[..i].CopyTo(scratch);
            for (var j = 1; j < i; j++)
            {
                coefficients[j] = scratch[j] + (k * scratch[i - j]);
            }

            coefficients[i] = k;
            error *= 1.0 - (k * k);
        }

        errorPower = error;
        return true;
    }

    /// <summary>A symmetric Hann window over <paramref name="window"/>'s length, for <see cref="WindowedAutocorrelation"/>.</summary>
    public static void Hann(Span<float> window)
    {
        var step = 2.0 * Math.PI / Math.Max(window.Length - 1, 1);
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = (float)(0.5 - (0.5 * Math.Cos(step * i)));
        }
    }

    /// <summary>
    /// The autocorrelation at lags 0..<c>destination.Length - 1</c> of <paramref name="x"/> under
    /// <paramref name="window"/> (as long as x; the autocorrelation method gives a stable model). <paramref name="windowed"/> is scratch.
    /// </summary>
    public static void WindowedAutocorrelation(ReadOnlySpan<float> x, ReadOnlySpan<float> window, Span<float> windowed, Span<double> destination)
    {
        var n = x.Length;
        if (window.Length != n || windowed.Length < n)
        {
            throw new ArgumentException($"the window ({window.Length}) and its scratch ({windowed.Length}) must hold the {n} samples");
        }

        VectorMath.Multiply(x, window, windowed);
        ReadOnlySpan<float> w = windowed[..n];
        for (var lag = 0; lag < destination.Length; lag++)
        {
            destination[lag] = lag < n ? VectorMath.Dot(w[lag..], w[..(n - lag)]) : 0.0;
        }
    }
}
