namespace RenderFarm.Mastering.Profiles;

/// <summary>One deliverable: format, and where the format allows, rate, bit depth and bitrate.</summary>
public sealed record DeliverableSpec
{
    public required DeliverableFormat Format { get; init; }

    /// <summary>Output rate; null takes the format's usual one (source rate for WAV/FLAC, 44.1 kHz for CD/MP3/AAC, 48 kHz for Opus).</summary>
    public int? SampleRate { get; init; }

    /// <summary>16 or 24 for WAV and FLAC (CD is always 16).</summary>
    public int? BitDepth { get; init; }

    /// <summary>For MP3, AAC and Opus.</summary>
    public int? BitrateKbps { get; init; }

    /// <summary>The six deliverables of a release: WAV master, CD, FLAC, MP3 320, AAC 256, Opus 160.</summary>
    public static IReadOnlyList<DeliverableSpec> Release { get; } =
    [
        new() { Format = DeliverableFormat.Wav },
        new() { Format = DeliverableFormat.Cd },
        new() { Format = DeliverableFormat.Flac },
        new() { Format = DeliverableFormat.Mp3 },
        new() { Format = DeliverableFormat.Aac },
        new() { Format = DeliverableFormat.Opus },
    ];

    public int SampleRateFor(int sourceRate) => SampleRate ?? Format switch
    {
        DeliverableFormat.Cd or DeliverableFormat.Mp3 or DeliverableFormat.Aac => 44_100,
        DeliverableFormat.Opus => 48_000,
        _ => sourceRate,
    };

    public int BitDepthFor() => Format == DeliverableFormat.Cd ? 16 : BitDepth ?? 24;

    public int BitrateFor() => BitrateKbps ?? Format switch
    {
        DeliverableFormat.Mp3 => 320,
        DeliverableFormat.Aac => 256,
        DeliverableFormat.Opus => 160,
        _ => 0,
    };

    /// <summary>File extension including the dot.</summary>
    public string Extension => Format switch
    {
        DeliverableFormat.Wav or DeliverableFormat.Cd => ".wav",
        DeliverableFormat.Flac => ".flac",
        DeliverableFormat.Mp3 => ".mp3",
        DeliverableFormat.Aac => ".m4a",
        DeliverableFormat.Opus => ".opus",
        _ => throw new ArgumentOutOfRangeException(nameof(Format)),
    };

    /// <summary>What goes between a file's stem and its extension: .master and .cd for the WAVs, nothing for the others.</summary>
    public string FileSuffix => Format switch
    {
        DeliverableFormat.Wav => ".master",
        DeliverableFormat.Cd => ".cd",
        _ => string.Empty,
    };

    public bool IsLossy => Format is DeliverableFormat.Mp3 or DeliverableFormat.Aac or DeliverableFormat.Opus;

    /// <summary>Short name used in reports: master, cd, flac, mp3, aac, opus.</summary>
    public string Label => Format == DeliverableFormat.Wav ? "master" : Format.ToString().ToLowerInvariant();

    public void Validate(string path)
    {
        if (SampleRate is { } rate)
        {
            var accepted = Format switch
            {
                DeliverableFormat.Cd => [44_100],
                DeliverableFormat.Mp3 => [32_000, 44_100, 48_000],
                DeliverableFormat.Aac => [44_100, 48_000, 88_200, 96_000],
                DeliverableFormat.Opus => [48_000],
                _ => new[] { 44_100, 48_000, 88_200, 96_000, 176_400, 192_000 },
            };
            if (!accepted.Contains(rate))
            {
                throw new ProfileException($"{path}.sample_rate", $"{rate} Hz is not accepted for {Format.ToString().ToLowerInvariant()}: accepted {string.Join(", ", accepted)} Hz");
            }
        }

        if (BitDepth is { } bits && (Format is not (DeliverableFormat.Wav or DeliverableFormat.Flac) || bits is not (16 or 24)))
        {
            throw new ProfileException($"{path}.bit_depth", $"{bits} is not accepted for {Format.ToString().ToLowerInvariant()}: WAV and FLAC take 16 or 24; the others have none");
        }

        if (BitrateKbps is { } kbps)
        {
            var (min, max) = Format switch
            {
                DeliverableFormat.Mp3 => (128, 320),
                DeliverableFormat.Aac => (96, 320),
                DeliverableFormat.Opus => (64, 510),
                _ => throw new ProfileException($"{path}.bitrate_kbps", $"{Format.ToString().ToLowerInvariant()} is lossless and takes no bitrate"),
            };
            ProfileException.InRange(kbps, min, max, $"{path}.bitrate_kbps", "kbit/s");
        }
    }
}
