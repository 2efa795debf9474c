using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Dither;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Deliverables;

/// <summary>A PCM WAV deliverable: converted to its rate if needed, dithered once to its word length, with bext and LIST/INFO.</summary>
internal sealed class WavDeliverable : IDeliverableSink
{
    private readonly DeliverableSpec _spec;
    private readonly RateConverter _rate;
    private readonly Ditherer _ditherer;
    private readonly WavWriter _writer;
    private readonly string _path;
    private readonly int _sampleRate;

    private readonly DeliverableCheck _check;

    public WavDeliverable(DeliverableSpec spec, string path, int sourceRate, int channels, long sourceFrames, int blockFrames, MasteringProfile profile, BextChunk bext, TrackMetadata metadata)
    {
        var shaping = profile.NoiseShaping;
        _spec = spec;
        _path = path;
        _sampleRate = spec.SampleRateFor(sourceRate);
        _rate = new RateConverter(sourceRate, _sampleRate, channels, blockFrames);
        var bits = spec.BitDepthFor();
        _ditherer = new Ditherer(bits, bits == 16 ? shaping : NoiseShaping.None);
        _ditherer.Prepare(new AudioSpec(_sampleRate, channels, _rate.MaxOutputFrames));
        _check = new DeliverableCheck(new AudioSpec(_sampleRate, channels, _rate.MaxOutputFrames), profile, lossy: false, measure: _sampleRate != sourceRate);
        var history = string.Create(CultureInfo.InvariantCulture, $"A=PCM,F={_sampleRate},W={bits},M={(channels == 2 ? "stereo" : channels == 1 ? "mono" : "multichannel")},T=RenderFarm mastering\r\n");
        _writer = WavWriter.Create(path, new WavWriterOptions
        {
            SampleRate = _sampleRate,
            Channels = channels,
            Format = bits == 16 ? SampleFormat.Pcm16 : SampleFormat.Pcm24,
            Bext = bext with { CodingHistory = bext.CodingHistory + history },
            Chunks = Id3Chunk.Chunk(metadata) is { } id3 ? [RiffInfo.Chunk(metadata), id3] : [RiffInfo.Chunk(metadata)],
            ExpectedFrames = _rate.OutputLength(sourceFrames),
        });
    }

    public void Write(AudioBlock master) => _rate.Write(master, WriteConverted);

    public DeliverableFile Complete()
    {
        _rate.Flush(WriteConverted);
        _writer.Complete();
        return new DeliverableFile(_spec, _path, _sampleRate, _spec.BitDepthFor(), null, _ditherer.ClippedSamples, _check, _writer.Sha256);
    }

    public void Dispose() => _writer.Dispose();

    private void WriteConverted(AudioBlock block)
    {
        _ditherer.Process(block);
        _check.Add(block);
        _writer.Write(block);
    }
}
