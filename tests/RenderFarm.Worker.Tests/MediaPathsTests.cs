namespace RenderFarm.Worker.Tests;

/// <summary>How the media root keeps names of files sent from elsewhere: the last segment only, cleaned.</summary>
public sealed class MediaPathsTests
{
    [Theory]
    [InlineData("song.wav", "song.wav")]
    [InlineData("../../x/évé ñ.flac", "évé ñ.flac")]
    [InlineData("C:\\Users\\me\\mix (final).wav", "mix _final_.wav")]
    [InlineData(".hidden.wav", "hidden.wav")]
    [InlineData("a/b/", "b")]
    [InlineData("..", null)]
    [InlineData("", null)]
    [InlineData("???", null)]
    public void SafeFileName_KeepsTheLastSegmentCleaned(string sent, string? kept) => Assert.Equal(kept, MediaPaths.SafeFileName(sent));
}
