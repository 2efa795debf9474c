using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Testing;

namespace RenderFarm.Audio.Tests.Analysis;

/// <summary>
/// The meter in bounded memory (gating blocks in 0.01 LU histograms) against the exact one on real
/// material: integrated and mono fold-down within 0.005 LU, loudness range within 0.02 LU; and its
/// memory does not grow with the length.
/// </summary>
public sealed class BoundedMeterTests
{
    public static TheoryData<string> Files() => ["song:0", "song:2", "full:8", "loop:loop_amen_full", "loop:loop_tabla", "loop:ambi_choir"];

    [Theory]
    [MemberData(nameof(Files))]
    public void BoundedMeter_AgreesWithTheExactOne(string item)
    {
        var (kind, name) = (item.Split(':')[0], item.Split(':')[1]);
        var path = kind switch
        {
            "song" => Material.Song(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)),
            "full" => Material.FullSong(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)),
            _ => Material.Loop(name),
        };
        using var reader = AudioFile.OpenRead(path);
        var spec = new AudioSpec(reader.Info.SampleRate, reader.Info.Channels, 4096);
        var exact = new LoudnessMeter(new LoudnessMeterOptions { TruePeak = false, KeepSeries = false, MonoFoldDown = true });
        var bounded = new LoudnessMeter(new LoudnessMeterOptions { TruePeak = false, KeepSeries = false, MonoFoldDown = true, BoundedMemory = true });
        exact.Prepare(spec);
        bounded.Prepare(spec);
        var buffer = new AudioBuffer(spec.Channels, 4096);
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            exact.Add(buffer.AsBlock(n));
            bounded.Add(buffer.AsBlock(n));
        }

        var (e, b) = (exact.GetReport(), bounded.GetReport());
        Assert.Equal(e.IntegratedLufs, b.IntegratedLufs, 0.005);
        Assert.Equal(e.MonoFoldDownLufs!.Value, b.MonoFoldDownLufs!.Value, 0.005);
        Assert.Equal(e.LoudnessRangeLu, b.LoudnessRangeLu, 0.02);
        Assert.Equal(e.LoudnessRangeLowLufs, b.LoudnessRangeLowLufs, 0.02);
        Assert.Equal(e.MaxShortTermLufs, b.MaxShortTermLufs);
    }

    [Fact]
    public void BoundedMeter_AllocatesNothingMoreForAnHourThanForAMinute()
    {
        long Allocated(int minutes)
        {
            var meter = new LoudnessMeter(new LoudnessMeterOptions { TruePeak = false, KeepSeries = false, BoundedMemory = true });
            meter.Prepare(new AudioSpec(48_000, 2, 4800));
            var buffer = new AudioBuffer(2, 4800);
            var random = new Random(5);
            foreach (var channel in new[] { buffer.Channel(0), buffer.Channel(1) })
            {
                for (var i = 0; i < channel.Length; i++)
                {
                    channel[i] = (float)(random.NextDouble() - 0.5);
                }
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var block = 0; block < minutes * 600; block++)
            {
                meter.Add(buffer.AsBlock());
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(1);
        Assert.True(Allocated(60) <= Allocated(1) + 1024, "the bounded meter's memory grows with the length");
    }
}
