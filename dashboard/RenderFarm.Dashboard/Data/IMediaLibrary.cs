namespace RenderFarm.Dashboard.Data;

/// <summary>The media root as the dashboard sees it: files the farm made, and sources to choose from.</summary>
public interface IMediaLibrary
{
    /// <summary>Opens a file by its path relative to the media root; null when it is not there (or not inside the root).</summary>
    Stream? OpenRead(string relativePath);

    /// <summary>Audio files, session documents and folders of them a catalogue can render, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<MediaSource> Sources(int limit);
}
