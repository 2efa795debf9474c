namespace RenderFarm.Mixing.Sessions;

/// <summary>A mix session document (docs/session.md): the rate, length, tempo and pan law, the tracks, buses and master.</summary>
public sealed record SessionSpec
{
    public const int CurrentVersion = 1;
    public const string MasterName = "master";
    public const int MaxTracks = 512;
    public const int MaxBuses = 64;

    public int Version { get; init; } = CurrentVersion;

    public int SampleRate { get; init; } = 48_000;

    /// <summary>The render length; null renders to the end of the last region plus the effects' tails.</summary>
    public double? LengthSeconds { get; init; }

    public double TempoBpm { get; init; } = 120.0;

    public PanLaw PanLaw { get; init; } = PanLaw.ConstantPower;

    public IReadOnlyList<TrackSpec> Tracks { get; init; } = [];

    public IReadOnlyList<BusSpec> Buses { get; init; } = [];

    public MasterSpec Master { get; init; } = new();

    /// <summary>The folder sources are relative to (the session file's folder when loaded from a file).</summary>
    public string BaseDirectory { get; init; } = ".";
}
