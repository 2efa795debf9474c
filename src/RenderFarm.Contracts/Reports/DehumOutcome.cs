namespace RenderFarm.Contracts.Reports;

/// <summary>
/// What de-hum did: the mains frequency, the fundamental's range as it drifted, the harmonics notched (1 = the
/// fundamental; none when de-hum was asked for and no hum stood out, and nothing was taken away), and how far the
/// hum stood over the floor (dB).
/// </summary>
public sealed record DehumOutcome
{
    public double MainsHz { get; set; }

    public double FundamentalMinHz { get; set; }

    public double FundamentalMaxHz { get; set; }

    public IReadOnlyList<int> Harmonics { get; set; } = [];

    public double ContrastDb { get; set; }
}
