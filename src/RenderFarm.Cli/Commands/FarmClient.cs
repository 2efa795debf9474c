using System.Net.Http.Json;
using System.Text.Json;

namespace RenderFarm.Cli.Commands;

/// <summary>
/// Talks to a farm's HTTP API: the one given, else RENDERFARM_SERVER, else a local embedded host at
/// http://127.0.0.1:5080; with the API token in RENDERFARM_TOKEN (an environment variable, never an argument
/// other users of the machine could read; <c>renderfarm login</c> makes one).
/// </summary>
internal sealed class FarmClient : IDisposable
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    private readonly HttpClient _http;

    public FarmClient(string? server, TimeSpan? timeout = null)
    {
        var address = server ?? Environment.GetEnvironmentVariable("RENDERFARM_SERVER") ?? DefaultServer;
        if (!Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FarmClientException($"--server: '{address}' is not an http(s) URL");
        }

        Server = uri;
        _http = new HttpClient { BaseAddress = uri, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public const string TokenVariable = "RENDERFARM_TOKEN";

    public Uri Server { get; }

    /// <summary>
    /// How long a read keeps asking a farm that cannot answer for now (a 503 while a silo stops or starts, or
    /// no answer within the timeout) before it gives up with the farm's reason.
    /// </summary>
    public TimeSpan ReadPatience { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock patience and pauses are counted by (a test's own).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A GET; asked again, as the farm's Retry-After says, while the farm cannot answer for now (up to <see cref="ReadPatience"/>).</summary>
    public async Task<JsonElement> Get(string path)
    {
        var asked = Time.GetTimestamp();
        while (true)
        {
            try
            {
                return await Send(() => _http.GetAsync(new Uri(path, UriKind.Relative)));
            }
            catch (FarmUnavailableException e) when (Time.GetElapsedTime(asked) + e.RetryAfter < ReadPatience)
            {
                await Task.Delay(e.RetryAfter, Time);
            }
        }
    }

    /// <summary>A POST, sent once: a submission the farm timed out on may still have been made (the list of catalogues tells).</summary>
    public async Task<JsonElement> Post(string path, object body) => await Send(() => _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body));

    /// <summary>Sends local files to the farm's media root in one upload (streamed from disk); the upload's description.</summary>
    public async Task<JsonElement> Upload(IReadOnlyList<string> files)
    {
        using var form = new MultipartFormDataContent();
        var streams = new List<Stream>();
        try
        {
            foreach (var file in files)
            {
                var stream = File.OpenRead(file);
                streams.Add(stream);
                form.Add(new StreamContent(stream, 1 << 16), "files", Path.GetFileName(file));
            }

            return await Send(() => _http.PostAsync(new Uri("api/uploads", UriKind.Relative), form));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> Send(Func<Task<HttpResponseMessage>> request)
    {
        HttpResponseMessage response;
        try
        {
            response = await request();
        }
        catch (HttpRequestException e)
        {
            throw new FarmClientException($"no farm answers at {Server} ({e.Message}): start one with `dotnet RenderFarm.Host.dll` (see README) or give --server");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new FarmUnavailableException($"the farm at {Server} did not answer within {_http.Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonElement body = default;
            if (text.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    body = document.RootElement.Clone();
                }
                catch (JsonException) when (!response.IsSuccessStatusCode)
                {
                    // An error page from something in front of the farm (a proxy): its text is the reason.
                }
                catch (JsonException e)
                {
                    throw new FarmClientException($"the farm at {Server} answered {(int)response.StatusCode} with a body that is not JSON ({e.Message})", e);
                }
            }

            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                throw new FarmUnavailableException(Detail(body, text) ?? "the farm is unavailable")
                {
                    RetryAfter = TimeSpan.FromSeconds(Math.Clamp(wait.TotalSeconds, 1, 30)),
                };
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = Detail(body, text);
                throw new FarmClientException(response.StatusCode switch
                {
                    System.Net.HttpStatusCode.NotFound => "not found on the farm (or not this account's to see)",
                    System.Net.HttpStatusCode.Unauthorized when text.Length == 0 => $"the farm wants an API token: set {TokenVariable} (`renderfarm login` makes one)",
                    System.Net.HttpStatusCode.Forbidden => "this account's role may not do that",
                    _ => detail ?? response.ReasonPhrase ?? "failed",
                });
            }

            return body;
        }
    }

    private static string? Detail(JsonElement body, string text) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() : text.Length > 0 ? text : null;
}
