using System.Numerics;

namespace RenderFarm.Testing;

/// <summary>Measurements for DSP tests: a sine's amplitude and phase by least squares, what is left after it, responses from impulses.</summary>
public static class SignalAnalysis
{
    /// <summary>Amplitude, phase (radians) and residual RMS of the best fit a sin(wn) + b cos(wn) + c over <paramref name="x"/>.</summary>
    public static (double Amplitude, double Phase, double ResidualRms) FitSine(ReadOnlySpan<float> x, double frequency, double sampleRate, long startIndex = 0)
    {
        var w = 2 * Math.PI * frequency / sampleRate;
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0, s1 = 0, c1 = 0, x1 = 0;
        var n = x.Length;
        for (var i = 0; i < n; i++)
        {
            var s = Math.Sin(w * (startIndex + i));
            var c = Math.Cos(w * (startIndex + i));
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
            s1 += s;
            c1 += c;
            x1 += x[i];
        }

        // Solve the 3x3 normal equations for a, b, c.
        double[,] m = { { ss, sc, s1 }, { sc, cc, c1 }, { s1, c1, n } };
        double[] r = [xs, xc, x1];
        var solution = Solve(m, r);
        double a = solution[0], b = solution[1], dc = solution[2];
        var residual = 0.0;
        for (var i = 0; i < n; i++)
        {
            var e = x[i] - (a * Math.Sin(w * (startIndex + i))) - (b * Math.Cos(w * (startIndex + i))) - dc;
            residual += e * e;
        }

        return (Math.Sqrt((a * a) + (b * b)), Math.Atan2(b, a), Math.Sqrt(residual / n));
    }

    /// <summary>The complex response at <paramref name="frequency"/> of an impulse response.</summary>
    public static Complex ResponseAt(ReadOnlySpan<float> impulseResponse, double frequency, double sampleRate)
    {
        var w = -2 * Math.PI * frequency / sampleRate;
        var sum = Complex.Zero;
        for (var i = 0; i < impulseResponse.Length; i++)
        {
            if (impulseResponse[i] != 0)
            {
                sum += impulseResponse[i] * Complex.FromPolarCoordinates(1, w * i);
            }
        }

        return sum;
    }

    /// <summary>RMS of a span.</summary>
    public static double Rms(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / Math.Max(1, x.Length));
    }

    /// <summary>Log-spaced frequencies from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static double[] LogSpaced(double low, double high, int count) =>
        Enumerable.Range(0, count).Select(i => low * Math.Pow(high / low, i / (double)(count - 1))).ToArray();

    private static double[] Solve(double[,] m, double[] r)
    {
        var n = r.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (r[col], r[pivot]) = (r[pivot], r[col]);
            for (var row = 0; row < n; row++)
            {
                if (row == col)
                {
                    continue;
                }

                var f = m[row, col] / m[col, col];
                for (var k = 0; k < n; k++)
                {
                    m[row, k] -= f * m[col, k];
                }

                r[row] -= f * r[col];
            }
        }

        return Enumerable.Range(0, n).Select(i => r[i] / m[i, i]).ToArray();
    }
}
