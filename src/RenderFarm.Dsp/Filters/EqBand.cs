namespace RenderFarm.Dsp.Filters;

/// <summary>One band of a parametric equaliser: shape, frequency, Q and (for peaking and shelves) gain.</summary>
public sealed record EqBand(BiquadKind Kind, double FrequencyHz, double Q = 0.7071, double GainDb = 0.0)
{
    public BiquadCoefficients Design(double sampleRate, string path = "band")
    {
        try
        {
            return BiquadDesign.Design(Kind, sampleRate, FrequencyHz, Q, GainDb);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentOutOfRangeException($"{path}: {e.Message.Split(" (Parameter")[0]}", e);
        }
    }
}
