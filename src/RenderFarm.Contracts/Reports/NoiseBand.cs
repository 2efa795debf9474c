namespace RenderFarm.Contracts.Reports;

/// <summary>A noise profile's level in the third-octave band centred on <see cref="Hz"/> (dBFS, the band's share of the RMS).</summary>
public sealed record NoiseBand(double Hz, double Dbfs);
