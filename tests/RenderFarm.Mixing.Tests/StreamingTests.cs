using RenderFarm.Mixing.Rendering;

namespace RenderFarm.Mixing.Tests;

/// <summary>Memory does not grow with the session's length: a render allocates nothing per block, so ten minutes cost what one does but for the mix meter's history.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly MixFixture _fx = new("mix-streaming");

    [Fact]
    public void RenderAllocations_DoNotGrowWithLength()
    {
        var session = """
            { "tracks": [
                { "name": "a", "source": "noise.wav", "inserts": [ { "type": "compressor" }, { "type": "eq", "bands": [ { "type": "peaking", "frequency_hz": 500, "gain_db": 3 } ] } ],
                  "sends": [ { "bus": "verb", "level_db": -10 } ],
                  "automation": [ { "parameter": "gain_db", "points": [ { "time_s": 0, "value": -6 }, { "time_s": 600, "value": 0 } ] } ] },
                { "name": "b", "source": "noise.wav", "pan": -0.5, "regions": [ { "start_s": 0, "length_s": 30 }, { "start_s": 30, "source_in_s": 10 } ] } ],
              "buses": [ { "name": "verb", "inserts": [ { "type": "reverb" } ] } ],
              "master": { "inserts": [ { "type": "compressor" } ] },
              "length_s": LENGTH }
            """;
        var random = new Random(7);
        _fx.Source("noise.wav", 600, (_, _) => (float)((random.NextDouble() - 0.5) * 0.2));
        long Allocated(int seconds)
        {
            var spec = _fx.Session(session.Replace("LENGTH", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var before = GC.GetAllocatedBytesForCurrentThread();
            MixRenderer.Render(spec, Path.Combine(_fx.Folder, $"mix{seconds}.wav"), new MixOptions { OutputFormat = Audio.SampleFormat.Pcm24 }, cancellation: TestContext.Current.CancellationToken);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(10); // warm up
        var minute = Allocated(60);
        var tenMinutes = Allocated(600);
        // Nothing is allocated per block, and the tracks' meters are bounded; what grows is the mix
        // meter's exact gating history, a few bytes per 100 ms (5400 more readings in 9 minutes).
        var perReading = (double)(tenMinutes - minute) / 5400;
        Assert.True(perReading < 128, $"1 min allocated {minute >> 10} KiB, 10 min {tenMinutes >> 10} KiB: {perReading:0} bytes per 100 ms");
    }

    public void Dispose() => _fx.Dispose();
}
