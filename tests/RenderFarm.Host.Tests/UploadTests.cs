using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using RenderFarm.Grains;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// Uploads through the API of the embedded host: a real recording sent under a hostile name lands under
/// a clean one inside the media root with its hash, and a catalogue of the upload folder renders it;
/// a name that is not audio, a file that does not open as audio and an upload over the size limit are
/// each refused naming the file, leaving nothing behind.
/// </summary>
public sealed class UploadTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("upload");
    private readonly string _media;

    public UploadTests()
    {
        _media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(_media);
    }

    [Fact]
    public async Task RecordingUploadedUnderAHostileName_KeptCleanInsideTheRoot_AndRenderedFromThere()
    {
        await using var host = new HostProcess(_media, Path.Combine(_folder, "data"));
        await host.Start();
        var recording = Path.Combine(_folder, "clip.wav");
        Tools.Ffmpeg("-i", Material.Song(2), "-t", "12", "-c:a", "pcm_s24le", recording);
        var bytes = await File.ReadAllBytesAsync(recording, TestContext.Current.CancellationToken);

        using var form = new MultipartFormDataContent { { Part(bytes), "files", "../../../etc/Blupi: the song?*.wav" } };
        var response = await host.Client.PostAsync(new Uri("api/uploads", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var upload = (await response.Content.ReadFromJsonAsync<UploadView>(HostProcess.Json, TestContext.Current.CancellationToken))!;
        Assert.Matches("^uploads/[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$", upload.Folder);
        var file = Assert.Single(upload.Files);
        Assert.Equal($"{upload.Folder}/Blupi_ the song__.wav", file.Path);
        Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (file.Bytes, file.Sha256));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_media, file.Path), TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(Path.Combine(_folder, "etc")));

        var id = await host.Submit(upload.Folder);
        var done = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {string.Join("; ", done.Titles.Select(t => t.Error))}\n{host.Log}");
        Assert.Equal(file.Path, Assert.Single(done.Titles).Spec.Source);
    }

    [Fact]
    public async Task BadUploads_AreRefusedNamingTheFile_AndLeaveNothing()
    {
        await using var host = new HostProcess(_media, Path.Combine(_folder, "data"), new Dictionary<string, string> { ["Farm__MaxUploadMegabytes"] = "1" });
        await host.Start();
        var audio = Path.Combine(_folder, "small.wav");
        Tools.Ffmpeg("-i", Material.Song(0), "-t", "2", "-c:a", "pcm_s16le", audio);
        var good = await File.ReadAllBytesAsync(audio, TestContext.Current.CancellationToken);

        // Not audio by its name (the first file was fine: the whole upload goes).
        var (status, problem) = await Post(host, ("ok.wav", good), ("setup.exe", [1, 2, 3]));
        Assert.Equal((HttpStatusCode.BadRequest, "files[1]"), (status, problem.GetProperty("field").GetString()));
        Assert.Contains("'setup.exe' is not an audio file or a JSON document", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // An audio name whose bytes are not audio.
        (status, problem) = await Post(host, ("noise.wav", RandomNumberGenerator.GetBytes(5000)));
        Assert.Equal((HttpStatusCode.BadRequest, "files[0]"), (status, problem.GetProperty("field").GetString()));
        Assert.Contains("'noise.wav' does not open as audio", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Two files that clean to the same name; a name that is nothing but dots.
        (status, problem) = await Post(host, ("a?.wav", good), ("a*.wav", good));
        Assert.Equal((HttpStatusCode.BadRequest, "files[1]"), (status, problem.GetProperty("field").GetString()));
        (status, problem) = await Post(host, ("...", good));
        Assert.Equal((HttpStatusCode.BadRequest, "files[0]"), (status, problem.GetProperty("field").GetString()));

        // Over the limit (1 MB here).
        var big = new byte[1_500_000];
        good.CopyTo(big, 0);
        (status, _) = await Post(host, ("big.wav", big));
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{status}");

        Assert.Empty(Directory.Exists(Path.Combine(_media, "uploads")) ? Directory.EnumerateFileSystemEntries(Path.Combine(_media, "uploads")) : []);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static ByteArrayContent Part(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> Post(HostProcess host, params (string Name, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            form.Add(Part(bytes), "files", name);
        }

        var response = await host.Client.PostAsync(new Uri("api/uploads", UriKind.Relative), form, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}

internal sealed record UploadView(string Folder, IReadOnlyList<UploadedFileView> Files);

internal sealed record UploadedFileView(string Path, string SentAs, long Bytes, string Sha256);
