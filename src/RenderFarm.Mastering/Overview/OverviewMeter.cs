using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Spectral;

namespace RenderFarm.Mastering.Overview;

/// <summary>What the dashboard draws of a programme: its waveform as compact peaks and its long-term spectrum, in fixed memory.</summary>
public sealed class OverviewMeter : IAudioMeter
{
    private readonly WaveformPeaks _waveform = new(maxBuckets: 2048);
    private readonly LongTermSpectrum _spectrum = new();

    public void Prepare(AudioSpec spec)
    {
        _waveform.Prepare(spec);
        _spectrum.Prepare(spec);
    }

    public void Add(AudioBlock block)
    {
        _waveform.Add(block);
        _spectrum.Add(block);
    }

    public void Reset()
    {
        _waveform.Reset();
        _spectrum.Reset();
    }

    public ProgrammeOverview GetOverview() => new(_waveform.GetData(), _spectrum.CentresHz, _spectrum.LevelsDb());
}
