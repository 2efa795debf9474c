using System.Globalization;

namespace RenderFarm.Dsp;

/// <summary>Parameter checks whose messages name the field and the accepted range.</summary>
internal static class Guard
{
    public static void InRange(int value, int min, int max, string field, string unit)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} {value} {unit} is out of range: accepted {min} to {max} {unit}");
        }
    }

    public static void InRange(double value, double min, double max, string field, string unit)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} {Format(value)}{Unit(unit)} is out of range: accepted {Format(min)} to {Format(max)}{Unit(unit)}");
        }
    }

    /// <summary>A frequency strictly between 0 and Nyquist.</summary>
    public static void Frequency(double frequency, double sampleRate, string field)
    {
        InRange(sampleRate, 1.0, 1.0e7, "sample rate", "Hz");
        var nyquist = sampleRate / 2.0;
        if (!double.IsFinite(frequency) || frequency <= 0.0 || frequency >= nyquist)
        {
            throw new ArgumentOutOfRangeException(field, frequency,
                $"{field} {Format(frequency)} Hz is out of range: accepted above 0 and below {Format(nyquist)} Hz (Nyquist at {Format(sampleRate)} Hz)");
        }
    }

    private static string Format(double value) =>
        double.IsFinite(value) && (Math.Abs(value) >= 1e7 || (value != 0 && Math.Abs(value) < 1e-4))
            ? value.ToString("G6", CultureInfo.InvariantCulture)
            : value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Unit(string unit) => unit.Length == 0 ? string.Empty : " " + unit;
}
