using RenderFarm.Audio.Documents;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Mixing.Tests.Fuzzing;

/// <summary>
/// Session documents against thousands of mutants of the example session (broken syntax, values swapped for
/// edge cases such as 1e308, -0, huge integers, wrong types, 100,000-character strings, nesting 5,000 deep):
/// each loads, or fails with a document error naming the field by its JSON path; none crashes otherwise,
/// hangs (5 s) or allocates more than 32 MB.
/// </summary>
public sealed class SessionFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 4000;

    [Fact]
    public void MutatedSessions_LoadOrFailNamingTheField_NeverCrashHangOrOverAllocate()
    {
        var seed = File.ReadAllText(Path.Combine(Material.Repository, "docs", "examples", "blupi-003.session.json"));
        SessionLoader.Parse(seed, Material.Repository); // the seed itself is valid
        var summary = Fuzz.Campaign("sessions", Iterations, 20261201, random => Fuzz.MutateJson(seed, random),
            json => SessionLoader.Parse(json, Material.Repository), e => e is DocumentException d && d.Field.StartsWith('$') ? d.Field : null,
            TimeSpan.FromSeconds(5), 32L << 20);
        output.WriteLine(summary.ToString());
        Assert.True(summary.Refused > Iterations / 2, $"only {summary.Refused} refused: the mutations do not reach the loader");
        Assert.True(summary.Fields.Count > 20, summary.ToString());
    }
}
