using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// What limiting an album's songs came to: its target, the released songs (not a hidden one), the mixes' loudness
/// and the album's as mixed, the offset and each song's aim, each song's master, how many rounds it took, the
/// album's loudness mastered, and what decided the level when the target did not.
/// </summary>
internal sealed record AlbumLimits(
    double? Target,
    int[] Released,
    double[] Mixed,
    double InputAlbum,
    double? Offset,
    double?[] Aims,
    (MasteringReport Report, LoudnessMeter Output, double[]? MatchSpectrum)[] Results,
    int Rounds,
    double AlbumLufs,
    string? Note);
