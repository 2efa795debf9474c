namespace RenderFarm.Dashboard.Data;

/// <summary>One song against its album: loudness as mixed and mastered, where each mode puts it, peak, dynamics, tonal balance against the album's median, what stands out.</summary>
public sealed record AlbumSongItem(
    int Track,
    string Title,
    double? InputLufs,
    double? OutputLufs,
    double? VersusAlbumLu,
    double? TrackModeLufs,
    double? AlbumModeLufs,
    double? TruePeakDbtp,
    double? PlrDb,
    double? RangeLu,
    IReadOnlyList<double>? ToneVersusAlbumDb,
    IReadOnlyList<string> Outliers,
    double? TrackGainDb,
    double? AlbumGainDb,
    string? Note);
