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

    public FarmClient(string? server)
    {
        var address = server ?? Environment.GetEnvironmentVariable("RENDERFARM_SERVER") ?? DefaultServer;
        if (!Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FarmClientException($"--server: '{address}' is not an http(s) URL");
        }

        Server = uri;
        _http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(60) };
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public const string TokenVariable = "RENDERFARM_TOKEN";

    public Uri Server { get; }

    public async Task<JsonElement> Get(string path) => await Send(() => _http.GetAsync(new Uri(path, UriKind.Relative)));

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

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonElement body = default;
            if (text.Length > 0)
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() : text;
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
}
