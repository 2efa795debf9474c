using System.Globalization;
using System.Text;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// The names of a track's stems in a stems folder: <c>003-Bass.wav</c> for its output and
/// <c>003-Bass.send1-Reverb.wav</c> for each send (32-bit float stereo, the session's rate, the whole render length).
/// </summary>
public static class StemFiles
{
    public static string Direct(SessionSpec session, int track) =>
        string.Create(CultureInfo.InvariantCulture, $"{track + 1:000}-{Safe(session.Tracks[track].Name)}.wav");

    public static string Send(SessionSpec session, int track, int send) =>
        string.Create(CultureInfo.InvariantCulture, $"{track + 1:000}-{Safe(session.Tracks[track].Name)}.send{send + 1}-{Safe(session.Tracks[track].Sends[send].Bus)}.wav");

    /// <summary>All of a track's stem names: its output, then its sends in order.</summary>
    public static IReadOnlyList<string> All(SessionSpec session, int track) =>
        [Direct(session, track), .. session.Tracks[track].Sends.Select((_, s) => Send(session, track, s))];

    // Letters, digits, '-', '_' and '.' stay; anything else (separators, spaces, controls) becomes '_'.
    private static string Safe(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_');
        }

        var safe = builder.ToString().Trim('.');
        return safe.Length == 0 ? "track" : safe;
    }
}
