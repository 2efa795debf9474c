using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Grains;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>A RenderFarm.Host process (the built executable) on free loopback ports, with its media root and data folder, that a test can kill and start again.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    /// <summary>The first account's password (Farm:AdminPassword) every test host is given; its API client signs in as admin.</summary>
    public const string AdminPassword = "test admin password";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private readonly List<string> _log = [];

    public HostProcess(string mediaRoot, string dataDirectory, IReadOnlyDictionary<string, string>? extra = null)
    {
        var http = Ports.Free();
        Address = new Uri($"http://127.0.0.1:{http}/");
        _environment = new Dictionary<string, string>
        {
            ["Farm__MediaRoot"] = mediaRoot,
            ["Farm__DataDirectory"] = dataDirectory,
            ["Farm__SiloPort"] = Ports.FreeText(),
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Farm__AdminPassword"] = AdminPassword,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }

        // Longer than the farm's grain call timeout (30 s), so a call the cluster cannot answer shows as the
        // API's 503, not as the test giving up first.
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Log => string.Join('\n', _log.TakeLast(40));

    /// <summary>Every line the process wrote (both runs, when started again).</summary>
    public IReadOnlyList<string> AllLines
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public static string Executable => Path.Combine(Material.Repository, "src", "RenderFarm.Host", "bin", "Release", "net10.0", "RenderFarm.Host.dll");

    public async Task Start()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Executable);
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the host");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the host exited ({_process.ExitCode}):\n{Log}");
            }

            try
            {
                if ((await Client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    Client.DefaultRequestHeaders.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Token("admin", AdminPassword));
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the host did not answer within 60 s:\n{Log}");
    }

    /// <summary>The process's id (while it runs).</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("the host is not running");

    /// <summary>SIGTERM: the host stops in good order (its renders get the grace period); returns at once.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the process stops answering anything (its sockets stay open), as a silo that hangs.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal("CONT");

    /// <summary>Waits for the process to end; false if it is still running after <paramref name="limit"/>.</summary>
    public async Task<bool> Exited(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process!.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>A new API token of an account, by its password (POST api/signin/token).</summary>
    public async Task<string> Token(string account, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await anonymous.PostAsJsonAsync(new Uri("api/signin/token", UriKind.Relative), new { account, password, label = "tests" });
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Created
            ? JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!
            : throw new InvalidOperationException($"POST api/signin/token as {account}: {response.StatusCode} {body}");
    }

    /// <summary>An API client signed in as <paramref name="account"/> (by a token its password gets).</summary>
    public async Task<HttpClient> ClientAs(string account, string password)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Token(account, password));
        return client;
    }

    public async Task<T> Get<T>(string path)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await Client.GetFromJsonAsync<T>(new Uri(path, UriKind.Relative), Json) ?? throw new InvalidOperationException($"no body from {path}");
        }
        finally
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(5))
            {
                Keep($"{DateTime.UtcNow:HH:mm:ss.fff} TEST GET {path} took {watch.Elapsed.TotalSeconds:F1} s");
            }
        }
    }

    /// <summary>The farm's status (GET api/farm) once <paramref name="until"/> holds, or as it is after <paramref name="seconds"/> (workers report every 2 s).</summary>
    public async Task<FarmStatus> Farm(Func<FarmStatus, bool> until, int seconds = 20)
    {
        ArgumentNullException.ThrowIfNull(until);
        var farm = await Get<FarmStatus>("api/farm");
        for (var i = 0; i < seconds * 5 && !until(farm); i++)
        {
            await Task.Delay(200);
            farm = await Get<FarmStatus>("api/farm");
        }

        return farm;
    }

    /// <summary>
    /// How long after <paramref name="posted"/> (a pause or a cancel) every render had stopped, as the workers
    /// report it (every 2 s): each worker heard from since is idle, and at least one was. A worker not heard from
    /// for three reports (its silo dead or frozen) renders nothing and is not waited for, nor is a render held
    /// silent by fault injection (a hung worker hears its task only when it wakes, and is told to stop then).
    /// Null when the renders had not stopped within <paramref name="limit"/>.
    /// </summary>
    public static async Task<TimeSpan?> RendersStopped(Func<Task<FarmStatus>> farm, DateTimeOffset posted, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var silent = TimeSpan.FromSeconds(6);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var workers = (await farm()).Workers.Select(w => w.Report).ToArray();
            var now = DateTimeOffset.UtcNow;
            var heard = workers.Where(w => w.ReportedAt > posted).ToArray();
            if (heard.Length > 0 && heard.All(w => w.Busy - w.Hanging == 0) && workers.All(w => w.ReportedAt > posted || now - w.ReportedAt > silent))
            {
                return heard.Max(w => w.ReportedAt) - posted;
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>Creates a catalogue of <paramref name="sources"/> for Spotify through the API; its id.</summary>
    public Task<string> Submit(params string[] sources) => SubmitWith("spotify", sources);

    /// <summary>Creates a catalogue of <paramref name="sources"/> with a profile (a target's name or a profile document) through the API; its id.</summary>
    public async Task<string> SubmitWith(string profile, params string[] sources)
    {
        var response = await Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative), new { name = "test", sources, profile });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST api/catalogs: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<CatalogSnapshot>(Json))!.CatalogId;
    }

    /// <summary>POSTs an action on a catalogue (pause, resume, cancel, retry); throws unless the API took it.</summary>
    public async Task<bool> Act(string catalogId, string action)
    {
        using var response = await Client.PostAsync(new Uri($"api/catalogs/{catalogId}/{action}", UriKind.Relative), null);
        return response.IsSuccessStatusCode
            ? true
            : throw new InvalidOperationException($"POST api/catalogs/{catalogId}/{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A GET's status, Retry-After and body as the API answered it.</summary>
    public async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)> Answer(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Polls the catalogue until it ends. A silo that cannot answer for a while (the cluster noticing a dead or
    /// stopping one) is waited for, as long as the API says so: a 503 with Retry-After, or no connection;
    /// any other error fails at once.
    /// </summary>
    public async Task<CatalogSnapshot> UntilEnded(string id, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var (status, retryAfter, body) = await Answer($"api/catalogs/{id}");
                if (status == HttpStatusCode.OK)
                {
                    var snapshot = JsonSerializer.Deserialize<CatalogSnapshot>(body, Json)!;
                    if (snapshot.Status.IsFinal())
                    {
                        return snapshot;
                    }
                }
                else if (status != HttpStatusCode.ServiceUnavailable || retryAfter is null)
                {
                    throw new InvalidOperationException($"GET api/catalogs/{id}: {(int)status} {body}\n{Log}");
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"catalogue {id} did not end within {limit}:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Kill();
        }

        _process?.Dispose();
        Client.Dispose();
        await Task.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }
}
