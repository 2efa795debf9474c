using RenderFarm.Restoration.Dc;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

public sealed class DcRemoverTests(ITestOutputHelper output)
{
    [Fact]
    public void Offset_AndSlowDrift_AreRemoved_MusicBandUntouched()
    {
        const int Rate = 48_000;
        var frames = Rate * 6;
        var music = new float[frames];
        var faulty = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var t = i / (double)Rate;
            music[i] = (float)((0.3 * Math.Sin(2 * Math.PI * 1000 * t)) + (0.3 * Math.Sin(2 * Math.PI * 25 * t)));
            // A 0.05 offset drifting by 0.01 at 0.2 Hz.
            faulty[i] = music[i] + (float)(0.05 + (0.01 * Math.Sin(2 * Math.PI * 0.2 * t)));
        }

        var restored = Offline.Run(new DcRemover(), [faulty], Rate);

        // Past the first and last second (the averages filling), the offset is gone and the tones are as they were.
        var sdr = Faults.Sdr([music], restored, Rate, frames - (2 * Rate));
        output.WriteLine($"DC removed: {sdr:0.0} dB SDR against the music");
        Assert.True(sdr >= 40.0, $"{sdr:0.0} dB");
    }
}
