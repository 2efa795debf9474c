using System.Globalization;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Audio.Analysis;

/// <summary>Streams a file through the EBU R128 meter: memory stays flat however long the file.</summary>
public static class FileAnalyzer
{
    /// <summary>Frames per block read from the file and fed to the meter.</summary>
    public const int BlockFrames = 16384;

    /// <param name="path">The file.</param>
    /// <param name="keepSeries">Keep momentary and short-term loudness every 100 ms.</param>
    /// <param name="lraReadingsPerSecond">10 per EBU Tech 3342; 1 reproduces libebur128.</param>
    /// <param name="cancellationToken">Stops between blocks.</param>
    public static FileAnalysis Analyze(string path, bool keepSeries = false, int lraReadingsPerSecond = 10, CancellationToken cancellationToken = default)
    {
        using var reader = AudioFile.OpenRead(path);
        var info = reader.Info;
        var meter = new LoudnessMeter(new LoudnessMeterOptions { TruePeak = true, KeepSeries = keepSeries, Layout = info.Layout, LoudnessRangeReadingsPerSecond = lraReadingsPerSecond });
        meter.Prepare(new AudioSpec(info.SampleRate, info.Channels, BlockFrames));
        var buffer = new AudioBuffer(info.Channels, BlockFrames);
        try
        {
            int n;
            while ((n = reader.Read(buffer.AsBlock())) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                meter.Add(buffer.AsBlock(n));
            }
        }
        catch (NonFiniteSampleException e)
        {
            var seconds = (double)e.Frame / info.SampleRate;
            throw new AudioFileException(path, "sample data",
                $"{e.Message} ({seconds.ToString("0.000", CultureInfo.InvariantCulture)} s): the file holds NaN or infinite samples and cannot be measured", e);
        }

        if (info.Frames is { } declared && declared != meter.Frames)
        {
            throw new AudioFileException(path, "sample data", $"the header declares {declared} frames but {meter.Frames} could be read");
        }

        return new FileAnalysis(info with { Frames = meter.Frames }, meter.GetReport(), keepSeries ? meter.Series() : []);
    }
}
