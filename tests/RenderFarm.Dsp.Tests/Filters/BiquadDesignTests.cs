using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Tests.Filters;

/// <summary>The cookbook designs against their analytic magnitudes, at several sample rates, and their parameter checks.</summary>
public sealed class BiquadDesignTests
{
    public static TheoryData<double> Rates => [8_000, 44_100, 48_000, 96_000, 192_000, 384_000];

    [Theory]
    [MemberData(nameof(Rates))]
    public void LowAndHighPass_Minus3DbAtCutoffForButterworthQ(double rate)
    {
        var f = rate / 8;
        var q = Math.Sqrt(0.5);
        Assert.Equal(-3.0103, BiquadDesign.LowPass(rate, f, q).MagnitudeDbAt(f, rate), 0.001);
        Assert.Equal(-3.0103, BiquadDesign.HighPass(rate, f, q).MagnitudeDbAt(f, rate), 0.001);
        Assert.Equal(0.0, BiquadDesign.LowPass(rate, f, q).MagnitudeDbAt(1.0, rate), 0.001);
        Assert.Equal(0.0, BiquadDesign.HighPass(rate, f, q).MagnitudeDbAt(rate / 2 * 0.999, rate), 0.01);
        Assert.True(BiquadDesign.LowPass(rate, f, q).MagnitudeDbAt(rate * 0.45, rate) < -20);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Peaking_GainAtCentre_UnityFarAway(double rate)
    {
        var f = rate / 16;
        var eq = BiquadDesign.Peaking(rate, f, 1.4, 6.0);
        Assert.Equal(6.0, eq.MagnitudeDbAt(f, rate), 1e-9);
        Assert.Equal(0.0, eq.MagnitudeDbAt(f / 64, rate), 0.01);
        var cut = BiquadDesign.Peaking(rate, f, 1.4, -9.5);
        Assert.Equal(-9.5, cut.MagnitudeDbAt(f, rate), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Shelves_FullGainOnTheirSide_HalfAtTheCorner(double rate)
    {
        var f = rate / 20;
        var low = BiquadDesign.LowShelf(rate, f, Math.Sqrt(0.5), 4.0);
        Assert.Equal(4.0, low.MagnitudeDbAt(1.0, rate), 0.001);
        Assert.Equal(2.0, low.MagnitudeDbAt(f, rate), 0.001);
        Assert.Equal(0.0, low.MagnitudeDbAt(rate * 0.49, rate), 0.05);
        var high = BiquadDesign.HighShelf(rate, f, Math.Sqrt(0.5), -3.0);
        Assert.Equal(-3.0, high.MagnitudeDbAt(rate * 0.499, rate), 0.01);
        Assert.Equal(-1.5, high.MagnitudeDbAt(f, rate), 0.001);
        Assert.Equal(0.0, high.MagnitudeDbAt(1.0, rate), 0.001);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void NotchBandPassAllPass_Shapes(double rate)
    {
        var f = rate / 10;
        Assert.True(BiquadDesign.Notch(rate, f, 2.0).ResponseAt(f, rate).Magnitude < 1e-9);
        Assert.Equal(0.0, BiquadDesign.BandPass(rate, f, 2.0).MagnitudeDbAt(f, rate), 1e-9);
        Assert.True(BiquadDesign.BandPass(rate, f, 2.0).MagnitudeDbAt(f / 10, rate) < -15);
        var allPass = BiquadDesign.AllPass(rate, f, 0.7);
        foreach (var probe in new[] { f / 10, f / 2, f, f * 2, rate * 0.45 })
        {
            Assert.Equal(0.0, allPass.MagnitudeDbAt(probe, rate), 1e-9);
        }

        Assert.Equal(Math.PI, Math.Abs(allPass.ResponseAt(f, rate).Phase), 1e-9);
    }

    [Theory]
    [InlineData(0.0, "frequency 0 Hz is out of range: accepted above 0 and below 24000 Hz")]
    [InlineData(24_000.0, "frequency 24000 Hz is out of range")]
    [InlineData(double.NaN, "frequency NaN Hz is out of range")]
    public void FrequencyOutsideNyquist_RefusedWithRange(double frequency, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BiquadDesign.LowPass(48_000, frequency, 0.7));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsurdQAndGain_RefusedWithRange()
    {
        Assert.Contains("Q 0 is out of range: accepted 0.025 to 100", Assert.Throws<ArgumentOutOfRangeException>(() => BiquadDesign.Peaking(48_000, 1000, 0, 3)).Message, StringComparison.Ordinal);
        Assert.Contains("gain 1E+308 dB is out of range: accepted -48 to 48 dB", Assert.Throws<ArgumentOutOfRangeException>(() => BiquadDesign.Peaking(48_000, 1000, 1, 1e308)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Design_EveryKindByName_MatchesDirectDesign()
    {
        Assert.Equal(BiquadDesign.HighShelf(48_000, 8000, 0.7, 2), BiquadDesign.Design(BiquadKind.HighShelf, 48_000, 8000, 0.7, 2));
        Assert.Equal(BiquadDesign.Notch(48_000, 50, 10), BiquadDesign.Design(BiquadKind.Notch, 48_000, 50, 10));
    }
}
