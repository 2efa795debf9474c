using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Audio;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Deliverables;
using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering;

/// <summary>
/// The float master <see cref="MasteringJob.Master"/> leaves for <see cref="MasteringJob.Deliver"/>: in its folder,
/// <c>master.wav</c> (32-bit float, the limiter's output sample for sample) and <c>master.json</c> (the file name
/// of the deliverables, their origination time and metadata, and what the final pass measured on the master,
/// which each deliverable is checked against). The description is written last, so a folder with
/// <c>master.json</c> holds a finished master.
/// </summary>
public static class MasterFiles
{
    public const string AudioName = "master.wav";
    public const string DescriptionName = "master.json";

    private const int Version = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string AudioPathIn(string directory) => Path.Combine(directory, AudioName);

    /// <summary>True when the folder holds a finished master.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, DescriptionName)) && File.Exists(AudioPathIn(directory));

    internal static void WriteDescription(string directory, MasterDescription description)
    {
        var document = new Document
        {
            Version = Version,
            FileStem = description.FileStem,
            Origination = description.Origination,
            Metadata = description.Metadata,
            BlockFrames = description.BlockFrames,
            Loudness = description.Measurement.Loudness,
            Stereo = description.Measurement.Stereo,
            Windows = description.Measurement.Windows?.Select(w => new[] { w.Start, w.Correlation }).ToArray(),
        };
        var path = Path.Combine(directory, DescriptionName);
        var partial = Path.Combine(directory, $".{DescriptionName}.{Guid.NewGuid():N}.partial");
        using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, document, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Writes the master's description again with its metadata changed (an album adds its gains once every song is limited).</summary>
    internal static void Rewrite(string directory, Func<TrackMetadata, TrackMetadata> change)
    {
        var description = Read(directory);
        WriteDescription(directory, description with { Metadata = change(description.Metadata) });
    }

    internal static MasterDescription Read(string directory)
    {
        var path = Path.Combine(directory, DescriptionName);
        if (!File.Exists(path) || !File.Exists(AudioPathIn(directory)))
        {
            throw new AudioFileException(path, "master", "there is no finished master here: the mastering task has not written it (or it was removed)");
        }

        Document? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize<Document>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new AudioFileException(path, "master", $"the master's description is unreadable: {e.Message}", e);
        }

        if (document is not { Version: Version, FileStem: { Length: > 0 } stem, Loudness: { } loudness, BlockFrames: > 0 and <= 1 << 20 })
        {
            throw new AudioFileException(path, "master", $"the master's description is incomplete or of another version (this build reads version {Version})");
        }

        var windows = document.Windows?.Select(w => w is [var start, var correlation] ? (start, correlation) : throw new AudioFileException(path, "windows", "a correlation window is not [start, correlation]")).ToArray();
        return new MasterDescription(stem, document.Origination, document.Metadata ?? new TrackMetadata(), document.BlockFrames, new MasterMeasurement(loudness, document.Stereo, windows))
        {
            AudioPath = AudioPathIn(directory),
        };
    }

    private sealed class Document
    {
        public int Version { get; set; }

        public string? FileStem { get; set; }

        public DateTimeOffset Origination { get; set; }

        public TrackMetadata? Metadata { get; set; }

        public int BlockFrames { get; set; }

        public LoudnessReport? Loudness { get; set; }

        public StereoReport? Stereo { get; set; }

        public double[][]? Windows { get; set; }
    }
}
