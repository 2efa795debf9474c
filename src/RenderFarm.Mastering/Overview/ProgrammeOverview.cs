using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mastering.Overview;

/// <summary>A programme's waveform peaks and its long-term spectrum (band centres in Hz, levels in dB; null when shorter than one analysis frame).</summary>
public sealed record ProgrammeOverview(WaveformData Waveform, IReadOnlyList<double> SpectrumHz, IReadOnlyList<double>? SpectrumDb);
