using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Qc;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Qc;

/// <summary>
/// Faults injected into real recordings are found at the right time; the clean recordings give no such
/// findings. Material: rendered songs 2 and 3 (48 kHz) and sonic-pi's recorded choir loop (44.1 kHz).
/// </summary>
public sealed class QcInjectionTests
{
    private static readonly string[] FaultKinds = [QcKinds.Click, QcKinds.Clipping, QcKinds.DcOffset, QcKinds.PolarityInverted, QcKinds.Dropout, QcKinds.InterSampleOver];

    public static TheoryData<string> Clean => ["song:2", "song:3", "loop:ambi_choir"];

    [Theory]
    [MemberData(nameof(Clean))]
    public void CleanMaterial_NoFaultFindings(string item)
    {
        var (audio, rate) = Load(item);
        var findings = Scan(audio, rate);
        Assert.DoesNotContain(findings, f => FaultKinds.Contains(f.Kind));
    }

    [Theory]
    [MemberData(nameof(Clean))]
    public void Clicks_FoundWithinThreeMilliseconds(string item)
    {
        // Single-sample impulses of 0.3 at six times off the beat grid; no detector catches every one
        // (a click on a loud onset is masked), so five of six must be found, and nothing else.
        var (audio, rate) = Load(item);
        double[] times = [7.137, 15.411, 23.689, 31.263, 44.917, 52.341];
        foreach (var (t, i) in times.Select((t, i) => (t, i)))
        {
            audio[i % 2][(int)(t * rate)] += i % 3 == 0 ? -0.3f : 0.3f;
        }

        var clicks = Scan(audio, rate).Where(f => f.Kind == QcKinds.Click).ToArray();
        var found = times.Count(t => clicks.Any(c => Math.Abs(c.StartSeconds - t) < 0.003));
        Assert.True(found >= 5, $"{found} of {times.Length} clicks found: {string.Join(", ", clicks.Select(c => c.StartSeconds))}");
        Assert.All(clicks, c => Assert.Contains(times, t => Math.Abs(c.StartSeconds - t) < 0.003));
    }

    [Theory]
    [MemberData(nameof(Clean))]
    public void ClippedStretch_FoundWhereItIs(string item)
    {
        var (audio, rate) = Load(item);
        foreach (var channel in audio)
        {
            for (var i = 20 * rate; i < 21 * rate; i++)
            {
                channel[i] = Math.Clamp(channel[i] * 8, -1f, 1f);
            }
        }

        var clipping = Scan(audio, rate).Where(f => f.Kind == QcKinds.Clipping).ToArray();
        Assert.NotEmpty(clipping);
        Assert.All(clipping, f => Assert.InRange(f.StartSeconds, 20.0, 21.0));
        Assert.All(clipping, f => Assert.Equal(QcSeverity.Error, f.Severity));
    }

    [Theory]
    [MemberData(nameof(Clean))]
    public void DcOffsetOnOneChannel_FoundOnThatChannelWithItsSeverity(string item)
    {
        // -40 dBFS is over the -50 dBFS warning level; -20 dBFS is over the -30 dBFS error level.
        foreach (var (offset, severity) in new[] { (0.01f, QcSeverity.Warning), (0.1f, QcSeverity.Error) })
        {
            var (audio, rate) = Load(item);
            VectorMath.Add(Enumerable.Repeat(offset, audio[1].Length).ToArray(), audio[1]);
            var dc = Assert.Single(Scan(audio, rate), f => f.Kind == QcKinds.DcOffset);
            Assert.Equal(1, dc.Channel);
            Assert.Equal(Decibels.FromAmplitude(offset), dc.Value!.Value, 1.0);
            Assert.Equal(severity, dc.Severity);
        }
    }

    [Theory]
    [InlineData("song:2")]
    [InlineData("song:3")]
    public void InvertedChannel_FoundAsPolarityInverted(string item)
    {
        var (audio, rate) = Load(item);
        VectorMath.Scale(audio[1], -1f);
        Assert.Single(Scan(audio, rate), f => f.Kind == QcKinds.PolarityInverted);
    }

    [Theory]
    [MemberData(nameof(Clean))]
    public void Dropout_FoundAtItsTime(string item)
    {
        var (audio, rate) = Load(item);
        var start = (int)(33.413 * rate);
        foreach (var channel in audio)
        {
            Array.Clear(channel, start, rate / 40);
        }

        var dropout = Assert.Single(Scan(audio, rate), f => f.Kind == QcKinds.Dropout);
        Assert.Equal(33.413, dropout.StartSeconds, 0.002);
        Assert.Equal(33.438, dropout.EndSeconds, 0.002);
    }

    [Fact]
    public void InterSampleOvers_FoundWhereTheyAre_AndCeilingOversAgainstTheCeiling()
    {
        // A quarter-rate sine at 45 degrees peaks between its samples at 1/sin(45) = 1.41 times them:
        // amplitude 1.2 keeps the samples at 0.85 but goes over full scale between them; amplitude 0.97
        // stays under full scale but over a -1 dBTP ceiling.
        var (audio, rate) = Load("song:2");
        foreach (var (start, amplitude) in new[] { (40.0, 1.2), (45.0, 0.97) })
        {
            for (var i = (int)(start * rate); i < (int)((start + 0.5) * rate); i++)
            {
                audio[1][i] = (float)(amplitude * Math.Sin((Math.PI / 2 * i) + (Math.PI / 4)));
            }
        }

        var overs = Scan(audio, rate).Where(f => f.Kind == QcKinds.InterSampleOver).ToArray();
        Assert.NotEmpty(overs);
        Assert.All(overs, f => Assert.InRange(f.StartSeconds, 39.99, 40.51));

        var qc = new QcScanner(new QcSettings(), ceilingDbtp: -1.0);
        var meter = new LoudnessMeter();
        qc.Prepare(new AudioSpec(rate, 2, 10_000));
        meter.Prepare(new AudioSpec(rate, 2, 10_000));
        for (var done = 0; done < audio[0].Length; done += 10_000)
        {
            var block = new AudioBlock(audio, 2, done, Math.Min(10_000, audio[0].Length - done));
            qc.Add(block);
            meter.Add(block);
        }

        var ceiling = qc.Findings(meter.GetReport(), null, null, 0.5, null).Where(f => f.Kind == QcKinds.TruePeakOverCeiling).ToArray();
        Assert.Contains(ceiling, f => f.StartSeconds is > 44.99 and < 45.51);
        Assert.Contains(ceiling, f => f.StartSeconds is > 39.99 and < 40.51);
    }

    [Fact]
    public void SilenceAtHeadAndTail_Measured()
    {
        var (audio, rate) = Load("song:2");
        var padded = audio.Select(c => new float[3 * rate].Concat(c).Concat(new float[5 * rate]).ToArray()).ToArray();
        var findings = Scan(padded, rate);
        var head = Assert.Single(findings, f => f.Kind == QcKinds.SilenceHead);
        Assert.InRange(head.EndSeconds, 3.0, 3.5);
        var tail = Assert.Single(findings, f => f.Kind == QcKinds.SilenceTail);
        Assert.InRange(tail.EndSeconds - tail.StartSeconds, 5.0, 6.0);
    }

    internal static (float[][] Audio, int Rate) Load(string item, double seconds = 60)
    {
        var (kind, name) = (item.Split(':')[0], item.Split(':')[1]);
        var path = kind == "song" ? Material.Song(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)) : Material.Loop(name);
        using var reader = AudioFile.OpenRead(path);
        var frames = (int)(seconds * reader.Info.SampleRate);
        var audio = new[] { new float[frames], new float[frames] };
        Assert.Equal(frames, reader.Read(new AudioBlock(audio, frames)));
        return (audio, reader.Info.SampleRate);
    }

    internal static IReadOnlyList<QcFinding> Scan(float[][] audio, int rate)
    {
        var spec = new AudioSpec(rate, 2, 16_384);
        var qc = new QcScanner(new QcSettings(), null);
        qc.Prepare(spec);
        var loudness = new LoudnessMeter(new LoudnessMeterOptions { MonoFoldDown = true });
        loudness.Prepare(spec);
        var stereo = new StereoMeter();
        stereo.Prepare(spec);
        for (var done = 0; done < audio[0].Length; done += 16_384)
        {
            var block = new AudioBlock(audio, 2, done, Math.Min(16_384, audio[0].Length - done));
            qc.Add(block);
            loudness.Add(block);
            stereo.Add(block);
        }

        var report = loudness.GetReport();
        return qc.Findings(report, stereo.GetReport(report), null, 0.5, stereo.Windows);
    }
}
