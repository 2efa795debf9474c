using System.Text.Json.Nodes;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Tests;

/// <summary>
/// Media, submission and profiles as the test sets them. Its profile check refuses what the real loader would
/// for the fields the tests use (input gain beyond ±24 dB, a deliverable without a format); the real loader is
/// exercised end to end.
/// </summary>
internal sealed class FakeLibrary : IMediaLibrary, ICatalogSubmitter, IProfileLibrary
{
    public List<MediaSource> Media { get; } = [];

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public List<SubmitRequest> Submitted { get; } = [];

    public SubmitOutcome Outcome { get; set; } = SubmitOutcome.Started("cat-new");

    public Dictionary<string, string> Saved { get; } = new(StringComparer.Ordinal);

    public Stream? OpenRead(string relativePath) =>
        Files.TryGetValue(relativePath, out var text) ? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) : null;

    public IReadOnlyList<MediaSource> Sources(int limit) => [.. Media.Take(limit)];

    public Task<SubmitOutcome> Submit(SubmitRequest request, CancellationToken cancellationToken)
    {
        Submitted.Add(request);
        return Task.FromResult(Outcome);
    }

    public IReadOnlyList<TargetInfo> Targets() =>
    [
        new("spotify", "Spotify: -14 LUFS, -1 dBTP", -14, 1, -1),
        new("ebu-r128", "EBU R128 broadcast: -23 LUFS, -1 dBTP", -23, 0.5, -1),
    ];

    public IReadOnlyList<ProfileInfo> Profiles() => [.. Saved.Keys.Select(name => new ProfileInfo(name, $"profiles/{name}.json", "spotify", ["wav"], null))];

    public string? Read(string path) => Files.GetValueOrDefault(path);

    public string Template(string target) =>
        $$"""{ "version": 1, "target": "{{target}}", "chain": { "input_gain_db": 0 }, "deliverables": [ { "format": "wav" } ] }""";

    public ProfileCheck Check(string json)
    {
        var root = JsonNode.Parse(json)!;
        if (root["chain"]?["input_gain_db"]?.GetValue<double>() is { } gain && Math.Abs(gain) > 24)
        {
            return new ProfileCheck(false, "$.chain.input_gain_db", $"{gain} is out of range: accepted -24 to 24 dB");
        }

        var deliverables = root["deliverables"]?.AsArray() ?? [];
        for (var i = 0; i < deliverables.Count; i++)
        {
            if (deliverables[i]?["format"] is null)
            {
                return new ProfileCheck(false, $"$.deliverables[{i}].format", "is required: accepted wav, cd, flac, mp3, aac, opus");
            }
        }

        return new ProfileCheck(true, null, null, null, root["target"]!.ToString(), [.. deliverables.Select(d => d!["format"]!.GetValue<string>())]);
    }

    public ProfileCheck Save(string name, string json)
    {
        var check = Check(json);
        if (check.Valid)
        {
            Saved[name] = json;
        }

        return check.Valid ? check with { SavedPath = $"profiles/{name}.json" } : check;
    }
}
