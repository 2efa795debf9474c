namespace RenderFarm.Contracts.Reports;

/// <summary>
/// What de-noise did: where its noise profile came from (the quietest passages, or a time range given), the
/// profile's level and its shape in third-octave bands, the reduction asked for (the most any bin is turned
/// down, dB) and how much the output's level fell by (dB; mostly noise).
/// </summary>
public sealed record DenoiseOutcome
{
    /// <summary>"quietest" or "range".</summary>
    public string ProfileSource { get; set; } = "";

    /// <summary>Where the profile was learned: each passage's start and end (s).</summary>
    public IReadOnlyList<Passage> ProfileFrom { get; set; } = [];

    /// <summary>The noise's level, as the RMS it would have alone (dBFS).</summary>
    public double FloorDbfs { get; set; }

    public IReadOnlyList<NoiseBand> Profile { get; set; } = [];

    public double ReductionDb { get; set; }

    /// <summary>The output's level against the input's (dB, positive when it fell).</summary>
    public double RemovedDb { get; set; }

    public int FftSize { get; set; }
}
