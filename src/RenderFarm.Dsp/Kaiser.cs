namespace RenderFarm.Dsp;

/// <summary>The Kaiser window, for the windowed-sinc interpolators (true peak, sample-rate conversion).</summary>
internal static class Kaiser
{
    /// <summary>The window at <paramref name="r"/> in [-1, 1] (0 outside) for shape <paramref name="beta"/>.</summary>
    public static double Window(double r, double beta) =>
        Math.Abs(r) >= 1.0 ? 0.0 : BesselI0(beta * Math.Sqrt(1.0 - (r * r))) / BesselI0(beta);

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series.</summary>
    public static double BesselI0(double x)
    {
        double sum = 1.0, term = 1.0;
        for (var k = 1; k < 200 && term > 1e-18 * sum; k++)
        {
            var f = x / (2.0 * k);
            term *= f * f;
            sum += term;
        }

        return sum;
    }
}
