using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;

using RenderFarm.Audio.Inspection;

namespace RenderFarm.Audio.Ffmpeg;

/// <summary>
/// Decodes any format ffmpeg knows (FLAC, MP3, AAC/M4A, Ogg Vorbis, Opus, W64, ...) as a stream: ffmpeg
/// writes 32-bit float samples at the file's own rate and channel count to a pipe, which is read block by
/// block. When ffmpeg fails, its own message is reported with the file's name.
/// </summary>
public sealed class FfmpegDecoder : IAudioReader
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    private readonly FfmpegProcess _process;
    private readonly Stream _output;
    private readonly byte[] _buffer;
    private readonly int _frameBytes;
    private int _buffered;
    private bool _ended;

    private FfmpegDecoder(FfmpegProcess process, AudioStreamInfo info)
    {
        _process = process;
        _output = process.Output;
        Info = info;
        _frameBytes = info.Channels * sizeof(float);
        _buffer = new byte[8192 * _frameBytes];
    }

    public AudioStreamInfo Info { get; }

    public long Position { get; private set; }

    public static FfmpegDecoder Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new AudioFileException(path, "file", "does not exist");
        }

        var info = Describe(path, withTags: false).Info;
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-v", "error", "-i", FfmpegTools.FileArgument(path),
            "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "pcm_f32le", "-f", "f32le", "pipe:1",
        ];
        var process = FfmpegProcess.Start(FfmpegTools.Ffmpeg(path), arguments, redirectInput: false, drainOutput: false);
        return new FfmpegDecoder(process, info);
    }

    /// <summary>One ffprobe run: the file's first audio stream as <see cref="Open"/> would read it (checked the same way) and, when asked, its tags.</summary>
    internal static AudioDescription Describe(string path, bool withTags = true)
    {
        var probe = Probe(path, withTags);
        if (probe.Channels < 1 || probe.Channels > AudioSpec.MaxChannels)
        {
            throw new AudioFileException(path, "audio stream", $"channel count {probe.Channels} is not supported: accepted 1 to {AudioSpec.MaxChannels}");
        }

        if (probe.SampleRate < AudioSpec.MinSampleRate || probe.SampleRate > AudioSpec.MaxSampleRate)
        {
            throw new AudioFileException(path, "audio stream",
                $"sample rate {probe.SampleRate} Hz is not supported: accepted {AudioSpec.MinSampleRate} to {AudioSpec.MaxSampleRate} Hz");
        }

        var info = new AudioStreamInfo
        {
            Path = path,
            Container = probe.Container,
            Codec = probe.Codec,
            SampleRate = probe.SampleRate,
            Channels = probe.Channels,
            DurationSeconds = probe.DurationSeconds,
            Layout = LayoutOf(probe.ChannelLayout, probe.Channels),
        };
        return new AudioDescription(info, probe.Tags, AudioDescription.Ffprobe);
    }

    public int Read(AudioBlock destination)
    {
        CheckChannels(destination.Channels);
        var done = 0;
        while (done < destination.Frames)
        {
            var n = Fill(destination.Frames - done);
            if (n == 0)
            {
                break;
            }

            for (var c = 0; c < Info.Channels; c++)
            {
                var dst = destination[c].Slice(done, n);
                for (var i = 0; i < n; i++)
                {
                    dst[i] = BinaryPrimitives.ReadSingleLittleEndian(_buffer.AsSpan(((i * Info.Channels) + c) * sizeof(float)));
                }
            }

            Consume(n);
            done += n;
        }

        return done;
    }

    public int Read(double[][] destination, int offset, int frames)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckChannels(destination.Length);
        var done = 0;
        while (done < frames)
        {
            var n = Fill(frames - done);
            if (n == 0)
            {
                break;
            }

            for (var c = 0; c < Info.Channels; c++)
            {
                var dst = destination[c].AsSpan(offset + done, n);
                for (var i = 0; i < n; i++)
                {
                    dst[i] = BinaryPrimitives.ReadSingleLittleEndian(_buffer.AsSpan(((i * Info.Channels) + c) * sizeof(float)));
                }
            }

            Consume(n);
            done += n;
        }

        return done;
    }

    public void Dispose() => _process.Dispose();

    internal static FfprobeResult Probe(string path, bool withTags = false)
    {
        string[] arguments =
        [
            "-v", "error", "-select_streams", "a:0",
            "-show_entries", "stream=codec_name,sample_rate,channels,channel_layout,duration:format=format_name,duration" + (withTags ? ":format_tags:stream_tags" : string.Empty),
            "-of", "json",
        ];
        using var json = FfmpegTools.ProbeJson(path, arguments, "decoder", ProbeTimeout);
        var root = json.RootElement;
        var container = root.TryGetProperty("format", out var format) && format.TryGetProperty("format_name", out var name) ? name.GetString() ?? "unknown" : "unknown";
        if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
        {
            throw new AudioFileException(path, "audio stream", $"none found: the file ({container}) holds no audio");
        }

        var stream = streams[0];
        var rate = int.TryParse(Text(stream, "sample_rate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var channels = stream.TryGetProperty("channels", out var ch) && ch.TryGetInt32(out var n) ? n : 0;
        var duration = ParseDouble(Text(stream, "duration")) ?? (format.ValueKind == JsonValueKind.Object ? ParseDouble(Text(format, "duration")) : null);
        return new FfprobeResult(container, Text(stream, "codec_name") ?? "unknown", rate, channels, Text(stream, "channel_layout"), duration)
        {
            Tags = withTags ? Tags(format, stream) : new Dictionary<string, string>(),
        };
    }

    // The container's tags then the stream's, names lower-cased, the container's first where both have one.
    private static Dictionary<string, string> Tags(params JsonElement[] places)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var place in places)
        {
            if (place.ValueKind == JsonValueKind.Object && place.TryGetProperty("tags", out var found) && found.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in found.EnumerateObject())
                {
                    if (tag.Value.ValueKind == JsonValueKind.String && tag.Value.GetString() is { Length: > 0 } value)
                    {
                        tags.TryAdd(tag.Name.ToLowerInvariant(), value.Trim());
                    }
                }
            }
        }

        return tags;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    /// <summary>The channel roles of one of ffmpeg's layout names (mono, stereo, 5.1...), or the default ones for the count.</summary>
    internal static ChannelLayout LayoutOf(string? layout, int channels)
    {
        const ChannelRole L = ChannelRole.Left, R = ChannelRole.Right, C = ChannelRole.Center, Lfe = ChannelRole.LowFrequency;
        const ChannelRole Bl = ChannelRole.BackLeft, Br = ChannelRole.BackRight, Bc = ChannelRole.BackCenter, Sl = ChannelRole.SideLeft, Sr = ChannelRole.SideRight;
        ChannelRole[]? roles = layout switch
        {
            "mono" => [C],
            "stereo" => [L, R],
            "3.0" => [L, R, C],
            "quad" => [L, R, Bl, Br],
            "quad(side)" => [L, R, Sl, Sr],
            "5.0" => [L, R, C, Bl, Br],
            "5.0(side)" => [L, R, C, Sl, Sr],
            "5.1" => [L, R, C, Lfe, Bl, Br],
            "5.1(side)" => [L, R, C, Lfe, Sl, Sr],
            "6.1" => [L, R, C, Lfe, Bc, Sl, Sr],
            "7.1" => [L, R, C, Lfe, Bl, Br, Sl, Sr],
            _ => null,
        };
        return roles is not null && roles.Length == channels ? new ChannelLayout(roles) : ChannelLayout.Default(channels);
    }

    /// <summary>Makes at least one whole frame available unless the stream has ended; returns frames available, at most <paramref name="wanted"/>.</summary>
    private int Fill(int wanted)
    {
        var target = Math.Min(wanted * _frameBytes, _buffer.Length);
        while (!_ended && _buffered < target)
        {
            var r = _output.Read(_buffer, _buffered, _buffer.Length - _buffered);
            if (r == 0)
            {
                _ended = true;
                Finish();
                break;
            }

            _buffered += r;
            if (_buffered >= _frameBytes)
            {
                break;
            }
        }

        return Math.Min(wanted, _buffered / _frameBytes);
    }

    private void Consume(int frames)
    {
        var bytes = frames * _frameBytes;
        _buffer.AsSpan(bytes, _buffered - bytes).CopyTo(_buffer);
        _buffered -= bytes;
        Position += frames;
    }

    // ffmpeg often decodes damaged input to the end with exit code 0 and only says so on its error
    // output (run at -v error); either sign means the audio cannot be trusted.
    private void Finish()
    {
        var exit = _process.WaitForExit();
        var errors = _process.Errors();
        if (exit != 0 || errors.Length > 0)
        {
            throw new AudioFileException(Info.Path, "decoder",
                $"ffmpeg could not decode the file cleanly ({Position} frames read): {(errors.Length > 0 ? errors : $"exit code {exit}")}");
        }

        // A stream whose frames are all damaged can decode to nothing, silently.
        var decoded = (double)Position / Info.SampleRate;
        if (Info.DurationSeconds is { } declared && declared > 1.0 && decoded < declared / 2)
        {
            throw new AudioFileException(Info.Path, "decoder",
                $"ffmpeg decoded {decoded:0.###} s of audio but the container declares {declared:0.###} s: the audio data is damaged or truncated");
        }
    }

    private void CheckChannels(int channels)
    {
        if (channels != Info.Channels)
        {
            throw new ArgumentException($"{Info.Path} has {Info.Channels} channels; the destination has {channels}");
        }
    }
}
