namespace RenderFarm.Audio.Ffmpeg;

/// <summary>
/// The tags of a media file (RIFF LIST/INFO and ID3 in WAV, Vorbis comments, ID3v2, MP4 atoms), names in
/// lower case as ffmpeg gives them: read from the headers for WAV, FLAC and MP3, by ffprobe otherwise
/// (<see cref="AudioFile.Describe"/>).
/// </summary>
public static class MediaTags
{
    /// <summary>The file's tags; an unreadable file throws <see cref="AudioFileException"/> naming it.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path) => AudioFile.Describe(path).Tags;
}
