namespace RenderFarm.Restoration.Dehum;

/// <summary>
/// Mains hum as found: the mains frequency (50 or 60 Hz), the fundamental in each segment (its drift), the
/// harmonics standing out of the floor (1 = the fundamental), and how far the hum stands over it (dB).
/// </summary>
public sealed record HumProfile(double Mains, IReadOnlyList<double> Fundamental, IReadOnlyList<int> Harmonics, double ContrastDb, double SegmentSeconds);
