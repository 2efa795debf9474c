using System.Globalization;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dither;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>
/// A deliverable encoded by ffmpeg: FLAC (dithered once to its word length first), MP3, AAC and Opus (fed
/// the float master, at their rate). Metadata goes in each format's own way: Vorbis comments, ID3v2, MP4 atoms.
/// </summary>
internal sealed class EncodedDeliverable : IDeliverableSink
{
    private readonly DeliverableSpec _spec;
    private readonly RateConverter _rate;
    private readonly Ditherer? _ditherer;
    private readonly FfmpegEncoder _encoder;
    private readonly string _path;
    private readonly int _sampleRate;
    private readonly TrackMetadata _metadata;

    private readonly DeliverableCheck? _check;

    public EncodedDeliverable(DeliverableSpec spec, string path, int sourceRate, int channels, int blockFrames, MasteringProfile profile, TrackMetadata metadata)
    {
        var shaping = profile.NoiseShaping;
        _spec = spec;
        _path = path;
        _metadata = metadata;
        _sampleRate = spec.SampleRateFor(sourceRate);
        _rate = new RateConverter(sourceRate, _sampleRate, channels, blockFrames);
        if (spec.Format == DeliverableFormat.Flac)
        {
            var bits = spec.BitDepthFor();
            _ditherer = new Ditherer(bits, bits == 16 ? shaping : NoiseShaping.None);
            _ditherer.Prepare(new AudioSpec(_sampleRate, channels, _rate.MaxOutputFrames));
            _check = new DeliverableCheck(new AudioSpec(_sampleRate, channels, _rate.MaxOutputFrames), profile, lossy: false, measure: _sampleRate != sourceRate);
        }

        _encoder = new FfmpegEncoder(path, _sampleRate, channels, [.. Codec(spec), .. Tags(spec.Format, metadata)]);
    }

    public void Write(AudioBlock master) => _rate.Write(master, WriteConverted);

    public DeliverableFile Complete()
    {
        _rate.Flush(WriteConverted);
        _encoder.Complete();
        if (_spec.Format == DeliverableFormat.Aac)
        {
            Mp4Tags.AddFreeform(_path, [("ISRC", _metadata.Isrc), ("BARCODE", _metadata.Upc), .. (_metadata.Gain?.ReplayGainTags() ?? []).Select(t => (t.Name.ToLowerInvariant(), (string?)t.Value))]);
        }

        return new DeliverableFile(_spec, _path, _sampleRate, _ditherer?.Bits, _spec.Format == DeliverableFormat.Flac ? null : _spec.BitrateFor(), _ditherer?.ClippedSamples ?? 0, _check);
    }

    public void Dispose() => _encoder.Dispose();

    private void WriteConverted(AudioBlock block)
    {
        _ditherer?.Process(block);
        _check?.Add(block);
        _encoder.Write(block);
    }

    private static string[] Codec(DeliverableSpec spec)
    {
        var kbps = $"{spec.BitrateFor()}k";
        return spec.Format switch
        {
            DeliverableFormat.Flac => ["-c:a", "flac", "-sample_fmt", spec.BitDepthFor() == 16 ? "s16" : "s32", "-bits_per_raw_sample", spec.BitDepthFor().ToString(CultureInfo.InvariantCulture), "-f", "flac"],
            DeliverableFormat.Mp3 => ["-c:a", "libmp3lame", "-b:a", kbps, "-id3v2_version", "3", "-write_id3v1", "0", "-f", "mp3"],
            DeliverableFormat.Aac => ["-c:a", "aac", "-b:a", kbps, "-f", "ipod"],
            DeliverableFormat.Opus => ["-c:a", "libopus", "-b:a", kbps, "-f", "ogg"],
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Format, "not an encoded format"),
        };
    }

    // ffmpeg maps title, artist, album, album_artist (ALBUMARTIST, TPE2, aART), date and track to each
    // container's fields; the codes go where
    // each format keeps them: ISRC/BARCODE Vorbis comments, an ID3v2 TSRC frame (and TXXX BARCODE).
    private static string[] Tags(DeliverableFormat format, TrackMetadata m)
    {
        var tags = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                tags.AddRange(["-metadata", $"{key}={value}"]);
            }
        }

        Add("title", m.Title);
        Add("artist", m.Artist);
        Add("album", m.Album);
        Add("album_artist", m.AlbumArtist);
        Add("date", m.Year?.ToString(CultureInfo.InvariantCulture));
        Add("track", m.TrackNumber is { } n ? (m.TrackTotal is { } t ? $"{n}/{t}" : n.ToString(CultureInfo.InvariantCulture)) : null);
        Add("encoder", "RenderFarm");
        switch (format)
        {
            case DeliverableFormat.Mp3:
                Add("TSRC", m.Isrc);
                Add("BARCODE", m.Upc);
                break;
            case DeliverableFormat.Flac or DeliverableFormat.Opus:
                Add("ISRC", m.Isrc);
                Add("BARCODE", m.Upc);
                break;
        }

        var gains = format switch
        {
            DeliverableFormat.Mp3 or DeliverableFormat.Flac => m.Gain?.ReplayGainTags(),
            DeliverableFormat.Opus => m.Gain?.OpusTags(),
            _ => null,
        };
        foreach (var (name, value) in gains ?? [])
        {
            Add(name, value);
        }

        return [.. tags];
    }
}
