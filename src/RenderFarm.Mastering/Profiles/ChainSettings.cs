using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Filters;
using RenderFarm.Dsp.Stereo;

namespace RenderFarm.Mastering.Profiles;

/// <summary>
/// The mastering chain in order: input gain, final EQ, multiband compression, stereo width, then the loudness
/// gain the job works out and the true-peak limiter. Gentle by default: a 20 Hz high-pass, light multiband
/// compression, no width change.
/// </summary>
public sealed record ChainSettings
{
    public double InputGainDb { get; init; }

    public IReadOnlyList<EqBand> Eq { get; init; } = [new EqBand(BiquadKind.HighPass, 20.0, 0.7071)];

    /// <summary>Null turns multiband compression off.</summary>
    public MultibandSettings? Multiband { get; init; } = new();

    /// <summary>Null leaves the stereo image alone.</summary>
    public StereoWidthSettings? Stereo { get; init; }

    /// <summary>Look-ahead and release; the ceiling comes from the target unless <see cref="CeilingOverrideDbtp"/> is set.</summary>
    public LimiterSettings Limiter { get; init; } = new();

    public double? CeilingOverrideDbtp { get; init; }

    public void Validate(int sampleRate, int channels, string path = "$.chain")
    {
        ProfileException.InRange(InputGainDb, -24, 24, $"{path}.input_gain_db", "dB");
        if (Eq.Count > ParametricEq.MaxBands)
        {
            throw new ProfileException($"{path}.eq", $"{Eq.Count} bands: accepted at most {ParametricEq.MaxBands}");
        }

        Wrap(() =>
        {
            for (var i = 0; i < Eq.Count; i++)
            {
                Eq[i].Design(sampleRate, $"{path}.eq[{i}]");
            }
        });
        if (Multiband is not null)
        {
            Wrap(() => Multiband.Validate(sampleRate, $"{path}.multiband"));
        }

        if (Stereo is not null)
        {
            if (channels != 2)
            {
                throw new ProfileException($"{path}.stereo", $"stereo width needs a 2-channel mix; this one has {channels} (remove the stereo section)");
            }

            Wrap(() => Stereo.Validate(sampleRate, $"{path}.stereo"));
        }

        Wrap(() => Limiter.Validate($"{path}.limiter"));
        if (CeilingOverrideDbtp is { } ceiling)
        {
            ProfileException.InRange(ceiling, -12, 0, $"{path}.limiter.ceiling_dbtp", "dBTP");
        }
    }

    // The DSP validators name the field in their message; turn it into the profile's error.
    private static void Wrap(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            var message = e.Message.Split(" (Parameter")[0];
            var space = message.IndexOf(' ', StringComparison.Ordinal);
            var colon = message.IndexOf(": ", StringComparison.Ordinal);
            throw colon > 0 && colon < space
                ? new ProfileException(message[..colon], message[(colon + 2)..])
                : new ProfileException(space > 0 ? message[..space] : "$.chain", space > 0 ? message[(space + 1)..] : message);
        }
    }
}
