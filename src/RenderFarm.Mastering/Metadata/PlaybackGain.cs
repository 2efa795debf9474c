using System.Globalization;

namespace RenderFarm.Mastering.Metadata;

/// <summary>
/// The gains a player applies to play a track, or its whole album, at the ReplayGain 2.0 reference
/// (-18 LUFS, EBU R128 measurement), with the linear true peaks that bound them.
/// </summary>
public sealed record PlaybackGain(double TrackGainDb, double TrackPeak, double? AlbumGainDb = null, double? AlbumPeak = null)
{
    /// <summary>ReplayGain 2.0's reference loudness.</summary>
    public const double ReferenceLufs = -18.0;

    /// <summary>The gains of a track of <paramref name="trackLufs"/> with true peak <paramref name="trackPeakDbtp"/>, on an album of <paramref name="albumLufs"/> peaking at <paramref name="albumPeakDbtp"/>.</summary>
    public static PlaybackGain For(double trackLufs, double trackPeakDbtp, double? albumLufs = null, double? albumPeakDbtp = null) =>
        new(Math.Round(ReferenceLufs - trackLufs, 2), Math.Round(Math.Pow(10, trackPeakDbtp / 20), 6),
            albumLufs is { } a ? Math.Round(ReferenceLufs - a, 2) : null, albumPeakDbtp is { } p ? Math.Round(Math.Pow(10, p / 20), 6) : null);

    /// <summary>REPLAYGAIN_* tags as Vorbis comments, ID3 TXXX frames and MP4 freeform atoms write them ("-4.20 dB", "0.891251").</summary>
    public IEnumerable<(string Name, string Value)> ReplayGainTags()
    {
        yield return ("REPLAYGAIN_TRACK_GAIN", Db(TrackGainDb));
        yield return ("REPLAYGAIN_TRACK_PEAK", Peak(TrackPeak));
        if (AlbumGainDb is { } album)
        {
            yield return ("REPLAYGAIN_ALBUM_GAIN", Db(album));
        }

        if (AlbumPeak is { } peak)
        {
            yield return ("REPLAYGAIN_ALBUM_PEAK", Peak(peak));
        }
    }

    /// <summary>
    /// Ogg Opus's R128_TRACK_GAIN and R128_ALBUM_GAIN (RFC 7845): Q7.8 integers to reach -23 LUFS, since
    /// Opus players do not read REPLAYGAIN_* tags.
    /// </summary>
    public IEnumerable<(string Name, string Value)> OpusTags()
    {
        yield return ("R128_TRACK_GAIN", Q78(TrackGainDb));
        if (AlbumGainDb is { } album)
        {
            yield return ("R128_ALBUM_GAIN", Q78(album));
        }
    }

    private static string Db(double gain) => gain.ToString("+0.00 'dB';-0.00 'dB'", CultureInfo.InvariantCulture);

    private static string Peak(double peak) => peak.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Q78(double replayGainDb) => ((int)Math.Round((replayGainDb + (-23.0 - ReferenceLufs)) * 256)).ToString(CultureInfo.InvariantCulture);
}
