namespace RenderFarm.Audio;

/// <summary>A file that cannot be read or written as audio; the message names the file, the field and what is wrong.</summary>
public sealed class AudioFileException : IOException
{
    public AudioFileException(string path, string field, string problem, Exception? inner = null)
        : base($"{path}: {field}: {problem}", inner)
    {
        FilePath = path;
        Field = field;
        Problem = problem;
    }

    public AudioFileException()
    {
        FilePath = Field = Problem = string.Empty;
    }

    public AudioFileException(string message)
        : base(message)
    {
        FilePath = Field = Problem = string.Empty;
    }

    public AudioFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = Field = Problem = string.Empty;
    }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>The part of the file at fault (a chunk, a header field, "sample data", "decoder").</summary>
    public string Field { get; }

    /// <summary>What is wrong, and where it helps, what would be accepted.</summary>
    public string Problem { get; }
}
