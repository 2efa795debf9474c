namespace RenderFarm.Mastering.Targets;

/// <summary>The named delivery targets (see REFERENCES.md): streaming services, broadcast, podcast and CD.</summary>
public static class DeliveryTargets
{
    public static readonly DeliveryTarget Spotify = new()
    {
        Name = "spotify",
        Description = "Spotify: -14 LUFS, -1 dBTP (louder masters are turned down; quieter ones up to -1 dBTP of headroom)",
        IntegratedLufs = -14,
        CeilingDbtp = -1,
        Normalization = new PlatformNormalization(-14, TurnsUp: true, UpwardPeakLimitDbtp: -1),
    };

    public static readonly DeliveryTarget AppleMusic = new()
    {
        Name = "apple-music",
        Description = "Apple Music Sound Check: -16 LUFS, -1 dBTP",
        IntegratedLufs = -16,
        CeilingDbtp = -1,
        Normalization = new PlatformNormalization(-16, TurnsUp: true, UpwardPeakLimitDbtp: -1),
    };

    public static readonly DeliveryTarget YouTube = new()
    {
        Name = "youtube",
        Description = "YouTube: -14 LUFS, -1 dBTP (only turns down)",
        IntegratedLufs = -14,
        CeilingDbtp = -1,
        Normalization = new PlatformNormalization(-14, TurnsUp: false, UpwardPeakLimitDbtp: 0),
    };

    public static readonly DeliveryTarget Tidal = new()
    {
        Name = "tidal",
        Description = "Tidal: -14 LUFS, -1 dBTP (only turns down)",
        IntegratedLufs = -14,
        CeilingDbtp = -1,
        Normalization = new PlatformNormalization(-14, TurnsUp: false, UpwardPeakLimitDbtp: 0),
    };

    public static readonly DeliveryTarget AmazonMusic = new()
    {
        Name = "amazon-music",
        Description = "Amazon Music: -14 LUFS, -1 dBTP",
        IntegratedLufs = -14,
        CeilingDbtp = -1,
        Normalization = new PlatformNormalization(-14, TurnsUp: true, UpwardPeakLimitDbtp: -1),
    };

    public static readonly DeliveryTarget Deezer = new()
    {
        Name = "deezer",
        Description = "Deezer: -15 LUFS, -1 dBTP",
        IntegratedLufs = -15,
        CeilingDbtp = -1,
        Normalization = new PlatformNormalization(-15, TurnsUp: true, UpwardPeakLimitDbtp: -1),
    };

    public static readonly DeliveryTarget EbuR128 = new()
    {
        Name = "ebu-r128",
        Description = "EBU R128 broadcast: -23 LUFS +-0.2 LU, -1 dBTP",
        IntegratedLufs = -23,
        ToleranceLu = 0.2,
        CeilingDbtp = -1,
    };

    public static readonly DeliveryTarget AtscA85 = new()
    {
        Name = "atsc-a85",
        Description = "ATSC A/85 US television: -24 LKFS +-2 dB, -2 dBTP",
        IntegratedLufs = -24,
        ToleranceLu = 2,
        CeilingDbtp = -2,
    };

    public static readonly DeliveryTarget Podcast = new()
    {
        Name = "podcast",
        Description = "Podcast (AES TD1008 style): -16 LUFS stereo, -1 dBTP",
        IntegratedLufs = -16,
        ToleranceLu = 1,
        CeilingDbtp = -1,
    };

    public static readonly DeliveryTarget PodcastMono = new()
    {
        Name = "podcast-mono",
        Description = "Podcast, mono programme: -19 LUFS, -1 dBTP",
        IntegratedLufs = -19,
        ToleranceLu = 1,
        CeilingDbtp = -1,
    };

    public static readonly DeliveryTarget Cd = new()
    {
        Name = "cd",
        Description = "CD master: no loudness target, -0.3 dBTP ceiling, 16-bit 44.1 kHz dithered",
        IntegratedLufs = null,
        CeilingDbtp = -0.3,
    };

    public static IReadOnlyList<DeliveryTarget> All { get; } =
        [Spotify, AppleMusic, YouTube, Tidal, AmazonMusic, Deezer, EbuR128, AtscA85, Podcast, PodcastMono, Cd];

    /// <summary>The streaming services whose playback the preview shows.</summary>
    public static IReadOnlyList<DeliveryTarget> Streaming { get; } = All.Where(t => t.Normalization is not null).ToArray();

    /// <summary>The target of that name (case-insensitive), or an error listing the names accepted.</summary>
    public static DeliveryTarget Find(string name, string field = "target") =>
        All.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ProfileException(field, $"'{name}' is not a known target: accepted {string.Join(", ", All.Select(t => t.Name))}, or a custom target object");
}
