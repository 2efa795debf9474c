namespace RenderFarm.Dsp;

/// <summary>Keeps recursive filter state out of subnormal numbers, which are slow and inaudible.</summary>
internal static class Denormals
{
    // Far below any audible level (about -600 dBFS) and far above the subnormal range of double.
    private const double Threshold = 1e-30;

    public static double Flush(double value) => Math.Abs(value) < Threshold ? 0.0 : value;
}
