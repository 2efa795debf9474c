using System.Globalization;

namespace RenderFarm.Dsp.Effects;

/// <summary>
/// An echo: a time in milliseconds, or a note value at a tempo (<c>1/4</c> is one beat, <c>1/8.</c> a
/// dotted eighth, <c>1/8t</c> an eighth triplet); feedback, a high cut in the feedback path, ping-pong.
/// </summary>
public sealed record DelaySettings
{
    /// <summary>The delay in milliseconds when no <see cref="Note"/> is given.</summary>
    public double TimeMs { get; init; } = 375.0;

    /// <summary>A note value (1/1, 1/2, 1/4, 1/8, 1/16, 1/32, optionally dotted "." or triplet "t") timed by <see cref="TempoBpm"/>.</summary>
    public string? Note { get; init; }

    public double TempoBpm { get; init; } = 120.0;

    public double Feedback { get; init; } = 0.35;

    /// <summary>Low-pass in the feedback path, so each repeat is darker; 0 switches it off.</summary>
    public double HighCutHz { get; init; } = 8000.0;

    /// <summary>Repeats alternate between left and right.</summary>
    public bool PingPong { get; init; }

    public double Mix { get; init; } = 1.0;

    public void Validate(string path = "delay")
    {
        Guard.InRange(TempoBpm, 20.0, 400.0, $"{path}.tempo_bpm", "bpm");
        if (Note is not null)
        {
            _ = NoteFraction(Note, $"{path}.note");
        }

        Guard.InRange(EffectiveMs, 1.0, 4000.0, Note is null ? $"{path}.time_ms" : $"{path}.note", "ms");
        Guard.InRange(Feedback, 0.0, 0.95, $"{path}.feedback", "");
        if (HighCutHz != 0)
        {
            Guard.InRange(HighCutHz, 500.0, 22_000.0, $"{path}.high_cut_hz", "Hz");
        }

        Guard.InRange(Mix, 0.0, 1.0, $"{path}.mix", "");
    }

    /// <summary>The delay in milliseconds, from the note and tempo when a note is given.</summary>
    public double EffectiveMs => Note is null ? TimeMs : 60_000.0 / TempoBpm * 4.0 * NoteFraction(Note, "delay.note");

    /// <summary>How long the echoes keep sounding after the input stops: until the repeats fall 90 dB.</summary>
    public double TailSeconds => EffectiveMs * 0.001 * (1 + (Feedback <= 0 ? 0 : Math.Ceiling(-90.0 / (20.0 * Math.Log10(Feedback)))));

    // Whole notes: "1/4" is 0.25, "1/8." 0.1875, "1/8t" 1/12.
    private static double NoteFraction(string note, string field)
    {
        var text = note.Trim();
        var factor = 1.0;
        if (text.EndsWith('.'))
        {
            factor = 1.5;
            text = text[..^1];
        }
        else if (text.EndsWith('t'))
        {
            factor = 2.0 / 3.0;
            text = text[..^1];
        }

        var parts = text.Split('/');
        if (parts.Length != 2 || parts[0] != "1" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is not (1 or 2 or 4 or 8 or 16 or 32))
        {
            throw new ArgumentOutOfRangeException(field, note, $"{field} '{note}' is not a note value: accepted 1/1, 1/2, 1/4, 1/8, 1/16, 1/32, each optionally dotted (1/8.) or triplet (1/8t)");
        }

        return factor / d;
    }
}
