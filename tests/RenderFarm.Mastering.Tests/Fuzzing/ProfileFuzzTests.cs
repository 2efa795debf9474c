using RenderFarm.Audio.Documents;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Fuzzing;

/// <summary>
/// Mastering profiles against thousands of mutants of the example release profile: each loads and passes
/// the checks against the mix (48 kHz stereo), or fails with a profile error naming the field by its JSON
/// path; none crashes otherwise, hangs (5 s) or allocates more than 32 MB.
/// </summary>
public sealed class ProfileFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 4000;

    [Fact]
    public void MutatedProfiles_LoadOrFailNamingTheField_NeverCrashHangOrOverAllocate()
    {
        var seed = File.ReadAllText(Path.Combine(Material.Repository, "docs", "examples", "release-profile.json"));
        ProfileLoader.Parse(seed).Validate(48_000, 2);
        var summary = Fuzz.Campaign("profiles", Iterations, 20261202, random => Fuzz.MutateJson(seed, random),
            json => ProfileLoader.Parse(json).Validate(48_000, 2), e => e is DocumentException d && d.Field.StartsWith('$') ? d.Field : null,
            TimeSpan.FromSeconds(5), 32L << 20);
        output.WriteLine(summary.ToString());
        Assert.True(summary.Refused > Iterations / 2, $"only {summary.Refused} refused: the mutations do not reach the loader");
        Assert.True(summary.Fields.Count > 20, summary.ToString());
    }
}
