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

/// <summary>A programme's waveform peaks and its long-term spectrum (band centres in Hz, levels in dB; null when shorter than one analysis frame).</summary>
public sealed record ProgrammeOverview(WaveformData Waveform, IReadOnlyList<double> SpectrumHz, IReadOnlyList<double>? SpectrumDb);
