using RenderFarm.Dsp;

namespace RenderFarm.Mixing.Inserts;

/// <summary>One insert of a track, bus or master chain: its type, settings, and which of them automation may move.</summary>
public abstract record InsertSpec
{
    /// <summary>The type as written in the session (<c>eq</c>, <c>compressor</c>, <c>gate</c>, ...).</summary>
    public abstract string Type { get; }

    /// <summary>The settings automation may move, by the names the session uses.</summary>
    public abstract IReadOnlyList<string> Parameters { get; }

    /// <summary>How long the insert keeps sounding after its input stops.</summary>
    public virtual double TailSeconds => 0.0;

    /// <summary>The current value of an automatable setting.</summary>
    public abstract double ValueOf(string parameter);

    /// <summary>A copy with one setting changed (checked when applied).</summary>
    public abstract InsertSpec Changed(string parameter, double value);

    /// <summary>A processor with these settings.</summary>
    public abstract IAudioProcessor CreateProcessor();

    /// <summary>The settings as compact JSON (for cache keys: equal text, equal processing).</summary>
    public abstract string SettingsJson();

    /// <summary>Gives a processor made by <see cref="CreateProcessor"/> this spec's settings, keeping its state.</summary>
    public abstract void Apply(IAudioProcessor processor);
}
