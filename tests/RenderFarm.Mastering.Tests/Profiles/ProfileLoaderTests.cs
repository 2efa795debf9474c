using RenderFarm.Dsp.Dither;
using RenderFarm.Dsp.Filters;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Profiles;

/// <summary>The documented example loads as written; every kind of mistake is refused naming its JSON path.</summary>
public sealed class ProfileLoaderTests
{
    [Fact]
    public void DocumentedExample_LoadsWithEveryFieldAsWritten()
    {
        var profile = ProfileLoader.Load(Path.Combine(Material.Repository, "docs", "examples", "release-profile.json"));
        Assert.Equal("spotify", profile.Target.Name);
        Assert.Equal(4, profile.Chain.Eq.Count);
        Assert.Equal(new EqBand(BiquadKind.Peaking, 3200, 1.2, -0.8), profile.Chain.Eq[2]);
        Assert.Equal([120.0, 2500.0], profile.Chain.Multiband!.CrossoversHz);
        Assert.Equal(1.3, profile.Chain.Multiband.Bands[1].Ratio);
        Assert.Equal(100.0, profile.Chain.Stereo!.MonoBelowHz);
        Assert.Equal(8.0, profile.Floor.MinPlrDb);
        Assert.Equal(6, profile.Deliverables.Count);
        Assert.Equal(NoiseShaping.None, profile.NoiseShaping);
        Assert.Equal("5012345678900", profile.Metadata!.Upc);
        profile.Validate(48_000, 2);
    }

    [Fact]
    public void MinimalProfile_TakesTheDefaults()
    {
        var profile = ProfileLoader.Parse("""{ "target": "apple-music" }""");
        Assert.Equal(-16.0, profile.Target.IntegratedLufs);
        Assert.Equal(DeliverableSpec.Release, profile.Deliverables);
        Assert.NotNull(profile.Chain.Multiband);
        Assert.Equal(-1.0, profile.CeilingDbtp);
    }

    [Fact]
    public void CustomTarget_BasedOnANamedOne_AndMultibandSwitchedOff()
    {
        var profile = ProfileLoader.Parse("""
            { "target": { "name": "house-loud", "based_on": "spotify", "integrated_lufs": -10, "ceiling_dbtp": -0.5 },
              "chain": { "multiband": null, "limiter": { "ceiling_dbtp": -0.8 } } }
            """);
        Assert.Equal("house-loud", profile.Target.Name);
        Assert.Equal(-10.0, profile.Target.IntegratedLufs);
        Assert.NotNull(profile.Target.Normalization);
        Assert.Null(profile.Chain.Multiband);
        Assert.Equal(-0.8, profile.CeilingDbtp);
    }

    [Fact]
    public void RestoreSection_NamesItsRepairs_AndTheOthersRunInAuto()
    {
        var profile = ProfileLoader.Parse("""
            { "target": "spotify",
              "restore": { "declip": "off", "denoise": "on", "denoise_reduction_db": 18, "noise_profile_s": [0.5, 2.5], "dehum_mains_hz": 60, "declick_threshold": 9 } }
            """);

        var restore = profile.Restore!;
        Assert.Equal((Restoration.RepairMode.Off, Restoration.RepairMode.On, Restoration.RepairMode.Auto, Restoration.RepairMode.Auto), (restore.Declip, restore.Denoise, restore.Declick, restore.Azimuth));
        Assert.Equal((18.0, 0.5, 2.5), (restore.DenoiseSettings.ReductionDb, restore.DenoiseSettings.ProfileStartS, restore.DenoiseSettings.ProfileEndS));
        Assert.Equal((60.0, 9.0), (restore.MainsHz, restore.DeclickSettings.Threshold));
        Assert.Null(ProfileLoader.Parse("""{ "target": "spotify" }""").Restore);
    }

    [Theory]
    [InlineData("""{ "target": "spotify", "restore": { "denoise": "yes" } }""", "$.restore.denoise", "'yes' is not accepted: accepted auto, on, off")]
    [InlineData("""{ "target": "spotify", "restore": { "denoise_reduction_db": 80 } }""", "$.restore.denoise_reduction_db", "80 dB is out of range: accepted 1 to 40 dB")]
    [InlineData("""{ "target": "spotify", "restore": { "dehum_mains_hz": 55 } }""", "$.restore.dehum_mains_hz", "55 Hz is not a mains frequency")]
    [InlineData("""{ "target": "spotify", "restore": { "noise_profile_s": [3, 1] } }""", "$.restore.noise_profile_s", "is [start, end] in seconds")]
    [InlineData("""{ "target": "spotify", "restore": { "declik": "on" } }""", "$.restore.declik", "is not a known field")]
    [InlineData("""{ "target": "spotifi" }""", "$.target", "'spotifi' is not a known target: accepted spotify,")]
    [InlineData("""{ }""", "$.target", "is required")]
    [InlineData("""{ "target": "spotify", "chian": {} }""", "$.chian", "is not a known field: accepted")]
    [InlineData("""{ "target": "spotify", "chain": { "eq": [ { "type": "peaking", "frequency_hz": 1000, "gain_db": 90 } ] } }""", "$.chain.eq[0].gain_db", "90 dB is out of range: accepted -48 to 48 dB")]
    [InlineData("""{ "target": "spotify", "chain": { "eq": [ { "type": "wobble", "frequency_hz": 1000 } ] } }""", "$.chain.eq[0].type", "'wobble' is not accepted: accepted high_pass")]
    [InlineData("""{ "target": "spotify", "chain": { "eq": [ { "type": "high_pass", "frequency_hz": 80, "gain_db": 3 } ] } }""", "$.chain.eq[0].gain_db", "a high_pass band has no gain")]
    [InlineData("""{ "target": "spotify", "chain": { "multiband": { "crossovers_hz": [120, 2500], "bands": [ {}, { "ratio": 0.5 }, {} ] } } }""", "$.chain.multiband.bands[1].ratio", "0.5 is out of range: accepted 1 to 100")]
    [InlineData("""{ "target": "spotify", "chain": { "input_gain_db": "loud" } }""", "$.chain.input_gain_db", "must be a number, not the string \"loud\"")]
    [InlineData("""{ "target": "spotify", "chain": { "input_gain_db": 1e308 } }""", "$.chain.input_gain_db", "is out of range: accepted -24 to 24 dB")]
    [InlineData("""{ "target": "spotify", "deliverables": [ { "format": "cd", "sample_rate": 48000 } ] }""", "$.deliverables[0].sample_rate", "48000 Hz is not accepted for cd: accepted 44100 Hz")]
    [InlineData("""{ "target": "spotify", "deliverables": [ { "format": "flac", "bitrate_kbps": 320 } ] }""", "$.deliverables[0].bitrate_kbps", "flac is lossless and takes no bitrate")]
    [InlineData("""{ "target": "spotify", "deliverables": [ { "format": "mp3", "bit_depth": 24 } ] }""", "$.deliverables[0].bit_depth", "24 is not accepted for mp3")]
    [InlineData("""{ "target": "spotify", "metadata": { "isrc": "GB-AYE-26" } }""", "$.metadata.isrc", "'GB-AYE-26' is not an ISRC")]
    [InlineData("""{ "target": "spotify", "metadata": { "upc": "5012345678901" } }""", "$.metadata.upc", "is not a UPC-A or EAN-13")]
    [InlineData("""{ "target": { "name": "x" } }""", "$.target.ceiling_dbtp", "is required for a custom target")]
    [InlineData("""{ "target": "spotify", "version": 2 }""", "$.version", "2 is not supported: accepted 1")]
    [InlineData("""{ "target": "spotify", "dither": { "noise_shaping": "triangular" } }""", "$.dither.noise_shaping", "'triangular' is not accepted: accepted none, f_weighted")]
    [InlineData("""{ "target": "spotify", "chain": { "eq": 5 } }""", "$.chain.eq", "must be an array, not the number 5")]
    [InlineData("""{ "target": "spotify" """, "$ (line", "not valid JSON")]
    public void BadProfile_RefusedNamingTheField(string json, string field, string problem)
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.Parse(json));
        Assert.StartsWith(field, e.Field, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "target": "spotify", "chain": { "multiband": { "crossovers_hz": [1000, 1050], "bands": [ {}, {}, {} ] } } }""", 48_000, 2, "$.chain.multiband.crossovers_hz[1]", "must be above")]
    [InlineData("""{ "target": "spotify", "chain": { "eq": [ { "type": "peaking", "frequency_hz": 30000, "gain_db": 1 } ] } }""", 48_000, 2, "$.chain.eq[0]", "frequency 30000 Hz is out of range: accepted above 0 and below 24000 Hz")]
    [InlineData("""{ "target": "spotify", "chain": { "stereo": { "width": 1.2 } } }""", 48_000, 1, "$.chain.stereo", "stereo width needs a 2-channel mix")]
    public void ProfileThatDoesNotFitTheMix_RefusedNamingTheField(string json, int rate, int channels, string field, string problem)
    {
        var profile = ProfileLoader.Parse(json);
        var e = Assert.Throws<ProfileException>(() => profile.Validate(rate, channels));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromFile_ErrorNamesTheFileToo()
    {
        var folder = Material.TempFolder("profile");
        var path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, """{ "target": "spotify", "chain": { "eq": [ { "type": "peaking" } ] } }""");
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.Load(path));
        Assert.Contains($"{path}: $.chain.eq[0].frequency_hz", e.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
