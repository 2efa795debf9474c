using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Dynamics;

/// <summary>Linkwitz-Riley band split, one stereo-linked compressor per band, bands summed back.</summary>
public sealed class MultibandCompressor(MultibandSettings settings) : IAudioProcessor
{
    private BandSplitter? _splitter;
    private Compressor[] _compressors = [];
    private AudioBuffer[] _bands = [];
    private AudioBlock[] _bandBlocks = [];

    public MultibandSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The deepest gain reduction of each band so far, in dB.</summary>
    public IReadOnlyList<double> MaxGainReductionDb => _compressors.Select(c => c.MaxGainReductionDb).ToArray();

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        Settings.Validate(spec.SampleRate);
        _splitter = new BandSplitter(Settings.CrossoversHz, spec.SampleRate);
        _splitter.Prepare(spec);
        _compressors = Settings.Bands.Select(b => new Compressor(b)).ToArray();
        foreach (var c in _compressors)
        {
            c.Prepare(spec);
        }

        _bands = _compressors.Select(_ => new AudioBuffer(spec.Channels, spec.MaxBlockFrames)).ToArray();
        _bandBlocks = new AudioBlock[_bands.Length];
    }

    public void Reset()
    {
        _splitter?.Reset();
        foreach (var c in _compressors)
        {
            c.Reset();
        }
    }

    public void Process(AudioBlock block)
    {
        var splitter = _splitter ?? throw new InvalidOperationException("the multiband compressor must be prepared before use");
        var bands = _bandBlocks;
        for (var i = 0; i < bands.Length; i++)
        {
            bands[i] = _bands[i].AsBlock(block.Frames);
        }

        splitter.Split(block, bands);
        block.Clear();
        for (var i = 0; i < bands.Length; i++)
        {
            _compressors[i].ProcessInto(bands[i], block);
        }
    }
}
