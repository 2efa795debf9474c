using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The HTTP API against hostile requests on the embedded host: a thousand mutants of a catalogue request
/// (broken JSON, wrong types, edge numbers, 100,000-character strings, deep nesting) are each refused with
/// a 400 (never a 5xx, never a hang); paths that leave the media root, absurd parameters and titles that do
/// not exist are refused, naming what is wrong.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Iterations = 1000;
    private const string Seed = """{ "name": "fuzz", "sources": ["nowhere/missing.wav", "mixes"], "profile": "spotify", "priority": 50, "webhook": null }""";
    private const string Secret = "SECRET-3f9a-not-for-download";
    private readonly string _folder = Material.TempFolder("api-fuzz");

    [Fact]
    public async Task HostileRequests_AreRefusedWithA400_NeverA5xx_NothingOutsideTheMediaRootIsTouched()
    {
        var ct = TestContext.Current.CancellationToken;
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        File.WriteAllText(Path.Combine(_folder, "secret.txt"), Secret);
        File.CreateSymbolicLink(Path.Combine(media, "escape.wav"), Path.Combine(_folder, "secret.txt"));
        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();

        var random = new Random(20261203);
        var statuses = new SortedDictionary<int, int>();
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Iterations; i++)
        {
            var body = Fuzz.MutateJson(Seed, random);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await host.Client.PostAsync(new Uri("api/catalogs", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), timeout.Token);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(status == 400, $"iteration {i}: {status} for {Shorten(body)}: {text}");
            if (Field(text) is { } field)
            {
                fields.Add(field);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Iterations} mutated requests: {string.Join(", ", statuses.Select(s => $"{s.Value} x {s.Key}"))}; fields named: {string.Join(", ", fields.Select(f => f.Length > 40 ? f[..40] + "..." : f))}"));
        Assert.Contains("sources[0]", fields);
        Assert.Contains(fields, f => f.StartsWith('$')); // where the JSON itself broke

        // Paths out of the media root, by '..', absolutely or through a link, are refused naming the source.
        foreach (var (source, says) in new[] { ("../secret.txt", "leads outside the media root"), ("/etc/passwd", "is not a path relative to the media root"), ("escape.wav", "outside the media root") })
        {
            var refusal = await Post(host, new { name = "x", sources = new[] { source }, profile = "spotify" });
            Assert.Equal(HttpStatusCode.BadRequest, refusal.Status);
            Assert.Equal("sources[0]", Field(refusal.Body));
            Assert.Contains(says, refusal.Body, StringComparison.Ordinal);
        }

        foreach (var path in new[] { "api/files/..%2Fsecret.txt", "api/files/escape.wav", "api/files/%2Fetc%2Fpasswd" })
        {
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        // Absurd parameters are refused naming the field.
        foreach (var (request, field) in new (object Request, string Field)[]
        {
            (new { name = "x", sources = new[] { "mixes" }, profile = "spotify", priority = 1000 }, "priority"),
            (new { name = "x", sources = new[] { "mixes" }, profile = "spotify", priority = -1 }, "priority"),
            (new { name = new string('x', 5000), sources = new[] { "mixes" }, profile = "spotify" }, "name"),
            (new { name = "x", sources = new[] { "mixes" }, profile = "no-such-target" }, "profile"),
            (new { name = "x", sources = new[] { "mixes" }, profile = "spotify", webhook = "file:///etc/passwd" }, "webhook"),
        })
        {
            var refusal = await Post(host, request);
            Assert.True(refusal.Status == HttpStatusCode.BadRequest && Field(refusal.Body) == field, $"{field}: {refusal.Status} {refusal.Body}");
        }

        // Uploads: mutants of a multipart body carrying a real WAV are stored whole (201, and the file opens)
        // or refused (400 naming the file or the body, 413 over the limit); nothing half-written is left.
        var wav = File.ReadAllBytes(WavFixtures.WriteValid(_folder, "upload.wav", frames: 4800));
        var boundary = "fuzz-boundary-7d1f";
        var multipart = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"take 1.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
            .Concat(wav).Concat(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")).ToArray();
        var uploads = new SortedDictionary<int, int>();
        for (var i = 0; i < 300; i++)
        {
            var content = new ByteArrayContent(i == 0 ? multipart : Fuzz.Mutate(multipart, random));
            content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
            using var response = await host.Client.PostAsync(new Uri("api/uploads", UriKind.Relative), content, ct);
            var status = (int)response.StatusCode;
            uploads[status] = uploads.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(status is 201 or 400 or 413, $"upload {i}: {status}: {text}");
            if (status == 201)
            {
                using var created = JsonDocument.Parse(text);
                foreach (var file in created.RootElement.GetProperty("files").EnumerateArray())
                {
                    using var reader = Audio.AudioFile.OpenRead(Path.Combine(media, file.GetProperty("path").GetString()!));
                    Assert.True(reader.Info.Frames > 0, $"upload {i}: an empty file was kept");
                }
            }
            else
            {
                Assert.NotNull(Field(text));
            }
        }

        output.WriteLine($"300 mutated uploads: {string.Join(", ", uploads.Select(s => $"{s.Value} x {s.Key}"))}");
        Assert.True(uploads.GetValueOrDefault(201) > 0 && uploads.GetValueOrDefault(400) > 0, string.Join(", ", uploads));
        Assert.Empty(Directory.GetFiles(media, "*.partial", SearchOption.AllDirectories));
        Assert.All(Directory.GetDirectories(Path.Combine(media, "uploads")), d => Assert.NotEmpty(Directory.GetFiles(d)));

        // Catalogues and titles that do not exist are 404s, not errors.
        foreach (var path in new[] { "api/catalogs/cat-none", "api/titles/cat-none/0001", "api/catalogs/cat-none/report.csv" })
        {
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EveryOtherRequestWithABody_Mutated_IsAnsweredWithoutA5xx_AndRefusalsNameTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        Tools.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=2:sample_rate=48000", "-ac", "2", "-c:a", "pcm_s24le", Path.Combine(media, "mixes", "tone.wav"));
        await using var host = new HostProcess(media, Path.Combine(_folder, "data"), new Dictionary<string, string> { ["Farm__SignInsPerMinute"] = "100000" });
        await host.Start();
        var id = await host.Submit("mixes");
        using var made = await host.Client.PostAsync(new Uri("api/accounts", UriKind.Relative), Json("""{ "name": "fuzz-s", "role": "Engineer", "password": "the fuzzing account's password" }"""), ct);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);

        // Each request with a body: its seed, and what a mutant of it may be answered with.
        var requests = new (HttpMethod Method, string Path, string Seed, HttpStatusCode[] Answers)[]
        {
            (HttpMethod.Put, $"api/catalogs/{id}/priority", """{ "priority": 60 }""", [HttpStatusCode.OK]),
            (HttpMethod.Post, "api/accounts", """{ "name": "fuzz-a", "role": "Client", "client": "acme", "password": "a long enough password" }""", [HttpStatusCode.Created, HttpStatusCode.Conflict]),
            (HttpMethod.Post, "api/signin/token", """{ "account": "fuzz-s", "password": "not the password at all", "label": "fuzz", "days": 1 }""", [HttpStatusCode.Unauthorized]),
            (HttpMethod.Post, "api/tokens", """{ "label": "fuzz", "days": 30 }""", [HttpStatusCode.Forbidden]), // (the caller holds a token: tokens do not make tokens)
            (HttpMethod.Put, "api/accounts/fuzz-s/password", """{ "password": "another long password" }""", [HttpStatusCode.NoContent]),
        };
        var random = new Random(20261201);
        var summary = new List<string>();
        foreach (var (method, path, seed, answers) in requests)
        {
            var statuses = new SortedDictionary<int, int>();
            for (var i = 0; i < OtherIterations; i++)
            {
                var body = Fuzz.MutateJson(seed, random);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                using var response = await host.Client.SendAsync(new HttpRequestMessage(method, path) { Content = Json(body) }, timeout.Token);
                var status = response.StatusCode;
                statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
                var text = await response.Content.ReadAsStringAsync(ct);
                Assert.True(status == HttpStatusCode.BadRequest || answers.Contains(status), $"{method} {path} mutant {i}: {(int)status} for {Shorten(body)}: {text}");
                if (status == HttpStatusCode.BadRequest)
                {
                    Assert.True(Field(text) is not null, $"{method} {path} mutant {i}: a 400 that names no field: {text}");
                }
            }

            summary.Add($"{method} {path.Replace(id, "{id}", StringComparison.Ordinal)}: {string.Join(", ", statuses.Select(s => $"{s.Value} x {s.Key}"))}");
        }

        output.WriteLine(string.Join('\n', summary));

        // The actions take no body; whatever is sent with them is ignored, never a 5xx.
        foreach (var action in new[] { "pause", "resume", "retry", "rerender", "cancel" })
        {
            using var response = await host.Client.PostAsync(new Uri($"api/catalogs/{id}/{action}", UriKind.Relative), Json(Fuzz.MutateJson("""{ "x": 1 }""", random)), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private const int OtherIterations = 300;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, string Body)> Post(HostProcess host, object request)
    {
        using var response = await host.Client.PostAsync(new Uri("api/catalogs", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string? Field(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("field", out var field) ? field.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
