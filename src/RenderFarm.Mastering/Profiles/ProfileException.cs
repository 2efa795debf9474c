using System.Globalization;

namespace RenderFarm.Mastering;

/// <summary>A profile, target or job setting that cannot be used; the message names the field (a JSON path) and what is accepted.</summary>
public sealed class ProfileException : Exception
{
    public ProfileException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public ProfileException()
    {
        Field = string.Empty;
    }

    public ProfileException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    public ProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    public string Field { get; }

    /// <summary>Checks a number against a range, naming the field.</summary>
    public static void InRange(double value, double min, double max, string field, string unit)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ProfileException(field, string.Create(CultureInfo.InvariantCulture, $"{value} {unit} is out of range: accepted {min} to {max} {unit}").Replace("  ", " ", StringComparison.Ordinal));
        }
    }
}
