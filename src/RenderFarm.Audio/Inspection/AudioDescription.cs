namespace RenderFarm.Audio.Inspection;

/// <summary>
/// What a look at a file's headers tells without decoding it: its stream (as a reader would open it) and its
/// tags (names as ffmpeg gives them, lower-cased), and who read them: this library or ffprobe.
/// </summary>
public sealed record AudioDescription(AudioStreamInfo Info, IReadOnlyDictionary<string, string> Tags, string ReadBy)
{
    /// <summary>Read here, from the file's headers (WAV, AIFF's stream, FLAC, MP3).</summary>
    public const string Native = "native";

    /// <summary>Read by one ffprobe run (every other format, and files the native readers leave to it).</summary>
    public const string Ffprobe = "ffprobe";
}
