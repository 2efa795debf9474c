namespace RenderFarm.Mastering.Albums;

/// <summary>How an album's songs are brought to the target.</summary>
public enum AlbumLoudnessMode
{
    /// <summary>One gain offset for the whole album from its integrated loudness: the songs keep their loudness relative to one another.</summary>
    Album,

    /// <summary>Every song to the target on its own: a ballad comes out as loud as the single.</summary>
    Track,
}
