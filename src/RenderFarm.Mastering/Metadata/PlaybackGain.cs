using System.Globalization;

namespace RenderFarm.Mastering.Metadata;

/// <summary>
/// The gains a player applies to play a track, or its whole album, at the ReplayGain 2.0 reference
/// (-18 LUFS, EBU R128 measurement), with the linear true peaks that bound them.
/// </summary>
public sealed record PlaybackGain(double? TrackGainDb, double TrackPeak, double? AlbumGainDb = null, double? AlbumPeak = null)
{
    /// <summary>ReplayGain 2.0's reference loudness.</summary>
    public const double ReferenceLufs = -18.0;

    /// <summary>
    /// The gains of a track of <paramref name="trackLufs"/> with true peak <paramref name="trackPeakDbtp"/>, on an
    /// album of <paramref name="albumLufs"/> peaking at <paramref name="albumPeakDbtp"/>. A silent track (below the
    /// gate: no loudness to play it at) has no track gain, a silent album no album gain.
    /// </summary>
    public static PlaybackGain For(double trackLufs, double trackPeakDbtp, double? albumLufs = null, double? albumPeakDbtp = null)
    {
        var album = albumLufs is { } a && double.IsFinite(a);
        return new(double.IsFinite(trackLufs) ? Math.Round(ReferenceLufs - trackLufs, 2) : null, LinearPeak(trackPeakDbtp),
            album ? Math.Round(ReferenceLufs - albumLufs!.Value, 2) : null, album && albumPeakDbtp is { } p ? LinearPeak(p) : null);
    }

    private static double LinearPeak(double dbtp) => double.IsFinite(dbtp) ? Math.Round(Math.Pow(10, dbtp / 20), 6) : 0;

    /// <summary>
    /// REPLAYGAIN_* tags as Vorbis comments, ID3 TXXX frames and MP4 freeform atoms write them ("-4.20 dB",
    /// "0.891251"). A gain there is not (a silent track has no loudness to play at) is left out with its peak.
    /// </summary>
    public IEnumerable<(string Name, string Value)> ReplayGainTags()
    {
        if (TrackGainDb is { } track && double.IsFinite(track))
        {
            yield return ("REPLAYGAIN_TRACK_GAIN", Db(track));
            yield return ("REPLAYGAIN_TRACK_PEAK", Peak(TrackPeak));
        }

        if (AlbumGainDb is { } album && double.IsFinite(album) && AlbumPeak is { } peak && double.IsFinite(peak))
        {
            yield return ("REPLAYGAIN_ALBUM_GAIN", Db(album));
            yield return ("REPLAYGAIN_ALBUM_PEAK", Peak(peak));
        }
    }

    /// <summary>
    /// Ogg Opus's R128_TRACK_GAIN and R128_ALBUM_GAIN (RFC 7845): Q7.8 integers to reach -23 LUFS, since
    /// Opus players do not read REPLAYGAIN_* tags; within the signed 16 bits the format gives them
    /// (+-128 dB), and left out where there is no gain.
    /// </summary>
    public IEnumerable<(string Name, string Value)> OpusTags()
    {
        if (TrackGainDb is { } track && double.IsFinite(track))
        {
            yield return ("R128_TRACK_GAIN", Q78(track));
        }

        if (AlbumGainDb is { } album && double.IsFinite(album))
        {
            yield return ("R128_ALBUM_GAIN", Q78(album));
        }
    }

    private static string Db(double gain) => gain.ToString("+0.00 'dB';-0.00 'dB'", CultureInfo.InvariantCulture);

    private static string Peak(double peak) => peak.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Q78(double replayGainDb) =>
        ((int)Math.Clamp(Math.Round((replayGainDb + (-23.0 - ReferenceLufs)) * 256), short.MinValue, short.MaxValue)).ToString(CultureInfo.InvariantCulture);
}
