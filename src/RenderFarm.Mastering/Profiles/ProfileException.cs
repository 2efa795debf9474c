using System.Globalization;
using RenderFarm.Audio.Documents;

namespace RenderFarm.Mastering;

/// <summary>A profile, target or job setting that cannot be used; the message names the field (a JSON path) and what is accepted.</summary>
public sealed class ProfileException : DocumentException
{
    public ProfileException(string field, string problem)
        : base(field, problem)
    {
    }

    public ProfileException()
    {
    }

    public ProfileException(string message)
        : base(message)
    {
    }

    public ProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Makes a profile error: the factory a <see cref="JsonObjectReader"/> of a profile uses.</summary>
    internal static DocumentException Make(string field, string problem) => new ProfileException(field, problem);

    /// <summary>Checks a number against a range, naming the field.</summary>
    public static void InRange(double value, double min, double max, string field, string unit)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ProfileException(field, string.Create(CultureInfo.InvariantCulture, $"{value} {unit} is out of range: accepted {min} to {max} {unit}").Replace("  ", " ", StringComparison.Ordinal));
        }
    }
}
