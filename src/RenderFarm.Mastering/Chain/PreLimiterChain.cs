using RenderFarm.Dsp;
using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Filters;
using RenderFarm.Dsp.Processors;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Profiles;

namespace RenderFarm.Mastering.Chain;

/// <summary>The chain before the loudness gain and the limiter: input gain, final EQ, multiband compression, stereo width.</summary>
internal sealed class PreLimiterChain : IAudioProcessor
{
    private readonly List<IAudioProcessor> _stages = [];

    /// <param name="settings">The profile's chain.</param>
    /// <param name="matching">Filters matching a reference's tonal balance, first in the chain (none: null or empty).</param>
    public PreLimiterChain(ChainSettings settings, IReadOnlyList<EqBand>? matching = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (matching is { Count: > 0 })
        {
            _stages.Add(new ParametricEq(matching));
        }

        if (settings.InputGainDb != 0)
        {
            _stages.Add(new GainProcessor(settings.InputGainDb, smoothingMilliseconds: 0));
        }

        if (settings.Eq.Count > 0)
        {
            _stages.Add(new ParametricEq(settings.Eq));
        }

        if (settings.Multiband is not null)
        {
            Multiband = new MultibandCompressor(settings.Multiband);
            _stages.Add(Multiband);
        }

        if (settings.Stereo is not null)
        {
            _stages.Add(new StereoWidth(settings.Stereo));
        }
    }

    public MultibandCompressor? Multiband { get; }

    public void Prepare(AudioSpec spec)
    {
        foreach (var stage in _stages)
        {
            stage.Prepare(spec);
        }
    }

    public void Process(AudioBlock block)
    {
        foreach (var stage in _stages)
        {
            stage.Process(block);
        }
    }

    public void Reset()
    {
        foreach (var stage in _stages)
        {
            stage.Reset();
        }
    }
}
