using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Preview;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Mastering.Tests;

/// <summary>ISRC and UPC/EAN checks, and what each platform's normalisation does to a master.</summary>
public sealed class MetadataAndPreviewTests
{
    [Theory]
    [InlineData("GB-AYE-26-00123", "GBAYE2600123")]
    [InlineData("usrc17607839", "USRC17607839")]
    public void Isrc_NormalisedToTwelveCharacters(string given, string stored) =>
        Assert.Equal(stored, new TrackMetadata { Isrc = given }.Validated().Isrc);

    [Theory]
    [InlineData("036000291452")]
    [InlineData("5012345678900")]
    [InlineData("4006381333931")]
    public void ValidUpcAndEan_Accepted(string code) => Assert.Equal(code, new TrackMetadata { Upc = code }.Validated().Upc);

    [Theory]
    [InlineData("036000291453")]
    [InlineData("12345")]
    [InlineData("50123456789OO")]
    public void UpcWithBadCheckDigitOrLength_Refused(string code)
    {
        var e = Assert.Throws<ProfileException>(() => new TrackMetadata { Upc = code }.Validated());
        Assert.Equal("$.metadata.upc", e.Field);
    }

    [Fact]
    public void TrackBeyondTotal_Refused()
    {
        var e = Assert.Throws<ProfileException>(() => new TrackMetadata { TrackNumber = 12, TrackTotal = 10 }.Validated());
        Assert.Equal("$.metadata.track_total", e.Field);
    }

    [Fact]
    public void LoudMaster_TurnedDownEverywhere()
    {
        var spotify = PlatformPreview.For(DeliveryTargets.Spotify, -9.0, -0.2);
        Assert.Equal(-5.0, spotify.PlaybackGainDb, 1e-9);
        Assert.Equal(-14.0, spotify.PlaybackLufs, 1e-9);
        Assert.Equal(-5.2, spotify.PlaybackTruePeakDbtp, 1e-9);
        Assert.Contains("turned down by 5.0 dB", spotify.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void QuietMaster_TurnedUpOnlyWithinPeakHeadroom_OrNotAtAll()
    {
        // -20 LUFS with peaks at -3 dBTP: Spotify may add 2 dB (to -1 dBTP), not the 6 it wants; YouTube adds nothing.
        var spotify = PlatformPreview.For(DeliveryTargets.Spotify, -20.0, -3.0);
        Assert.Equal(2.0, spotify.PlaybackGainDb, 1e-9);
        Assert.True(spotify.PeakLimitedGain);
        Assert.Equal(-18.0, spotify.PlaybackLufs, 1e-9);
        var youtube = PlatformPreview.For(DeliveryTargets.YouTube, -20.0, -3.0);
        Assert.Equal(0.0, youtube.PlaybackGainDb);
        Assert.Contains("never turned up", youtube.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_CoversEveryStreamingService()
    {
        Assert.Equal(["spotify", "apple-music", "youtube", "tidal", "amazon-music", "deezer"], DeliveryTargets.Streaming.Select(t => t.Name));
    }
}
