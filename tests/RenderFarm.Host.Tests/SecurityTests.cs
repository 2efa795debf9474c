using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RenderFarm.Grains;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// Strangers and clients against the embedded host as a process: every API route refuses a request with no
/// account or a bad token (401), pages send it to the sign-in page; a client sees, reads and downloads its
/// own client's catalogues only (another's, asked by id, is not there), not the farm's tasks, and may not
/// run the farm (403); an engineer may not manage accounts; a token may not make tokens; five wrong
/// passwords lock an account and bursts of sign-ins are limited; a removed account's token stops at once;
/// a password change needs the current one and ends the other sign-ins and tokens; a cookie write from
/// another origin is refused; tokens and sign-ins outlive a restart; no password or token reaches the log.
/// </summary>
public sealed class SecurityTests : IAsyncDisposable
{
    private const string AcmePassword = "acme's long password";
    private const string ZenithPassword = "zenith's long password";
    private const string EngineerPassword = "the engineer's password";
    private static readonly string[] Mixes = ["mixes"];
    private readonly string _folder = Material.TempFolder("security");

    [Fact]
    public async Task EveryRuleHolds_AndEveryBreachIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        Tools.Ffmpeg("-t", "12", "-i", Material.Song(1), "-c:a", "pcm_s24le", Path.Combine(media, "mixes", "song.wav"));
        var data = Path.Combine(_folder, "data");
        await using var host = new HostProcess(media, data, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });
        await host.Start();
        var admin = host.Client;

        // Every route of the API refuses a stranger and a made-up token; the dashboard's pages send it to sign in.
        var routes = await Routes(admin);
        Assert.True(routes.Count >= 20, $"the OpenAPI document lists {routes.Count} routes");
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address };
        using var forger = new HttpClient { BaseAddress = host.Address };
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "rf_0123456789ab_" + new string('0', 64));
        // (the two ways in, and the health check, are open by design)
        foreach (var (method, path) in routes.Where(r => r.Path is not ("/api/signin/token" or "/healthz")))
        {
            foreach (var client in new[] { stranger, forger })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null };
                using var response = await client.SendAsync(request, ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a good account: {response.StatusCode}");
            }
        }

        foreach (var page in new[] { "", "farm", "submit", "profiles", "catalogues/x" })
        {
            using var response = await stranger.GetAsync(new Uri(page, UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        // Accounts: two clients and an engineer; the admin's checks name the field.
        await Created(admin.PostAsJsonAsync("api/accounts", new { name = "acme-ann", role = "Client", client = "acme", password = AcmePassword }, ct));
        await Created(admin.PostAsJsonAsync("api/accounts", new { name = "zed", role = "Client", client = "zenith", password = ZenithPassword }, ct));
        await Created(admin.PostAsJsonAsync("api/accounts", new { name = "eng", role = "Engineer", password = EngineerPassword }, ct));
        await Refused(admin.PostAsJsonAsync("api/accounts", new { name = "weak", role = "Engineer", password = "short" }, ct), "password");
        await Refused(admin.PostAsJsonAsync("api/accounts", new { name = "../root", role = "Engineer", password = EngineerPassword }, ct), "name");
        await Refused(admin.PostAsJsonAsync("api/accounts", new { name = "noclient", role = "Client", password = EngineerPassword }, ct), "client");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("api/accounts", new { name = "eng", role = "Admin", password = EngineerPassword }, ct)).StatusCode);
        using var acme = await host.ClientAs("acme-ann", AcmePassword);
        var (engineerCookie, _) = await SignInByForm(host.Address, "eng", EngineerPassword, "/", ct);
        using var zenith = await host.ClientAs("zed", ZenithPassword);
        using var engineer = await host.ClientAs("eng", EngineerPassword);

        // An engineer runs the farm: a catalogue for each client and one of the studio's own; not accounts.
        var acmeId = await Submit(engineer, "acme", ct);
        var zenithId = await Submit(engineer, "zenith", ct);
        var studioId = await Submit(engineer, null, ct);
        await Refused(engineer.PostAsJsonAsync("api/catalogs", new { name = "x", sources = Mixes, client = "Not A Client" }, ct), "client");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("api/accounts", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("api/accounts", new { name = "sneaky", role = "Admin", password = EngineerPassword }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("api/tokens", new { label = "x", account = "admin" }, ct)).StatusCode);
        foreach (var id in new[] { acmeId, zenithId, studioId })
        {
            var done = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
            Assert.True(done.Status == JobStatus.Succeeded, $"{id}: {done.Status} {string.Join("; ", done.Titles.Select(t => t.Error))}");
        }

        // A client lists, reads and downloads its own; another client's catalogue, title, report and files are not there.
        var listed = await acme.GetFromJsonAsync<JsonElement>("api/catalogs", ct);
        Assert.Equal([acmeId], listed.EnumerateArray().Select(c => c.GetProperty("catalogId").GetString()).ToArray());
        var mine = await acme.GetFromJsonAsync<CatalogSnapshot>($"api/catalogs/{acmeId}", HostProcess.Json, ct);
        Assert.Equal("acme", mine!.Client);
        var output = mine.Titles[0].Outputs[0].Path;
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync(new Uri($"api/files/{output}", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync(new Uri($"api/catalogs/{acmeId}/report.csv", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync(new Uri($"api/titles/{acmeId}/0001", UriKind.Relative), ct)).StatusCode);
        var theirs = (await admin.GetFromJsonAsync<CatalogSnapshot>($"api/catalogs/{zenithId}", HostProcess.Json, ct))!;
        var studio = (await admin.GetFromJsonAsync<CatalogSnapshot>($"api/catalogs/{studioId}", HostProcess.Json, ct))!;
        foreach (var path in new[]
        {
            $"api/catalogs/{zenithId}", $"api/catalogs/{zenithId}/report.csv", $"api/catalogs/{zenithId}/report.json", $"api/titles/{zenithId}/0001",
            $"api/titles/{zenithId}/0001/excerpt?at=1&version=before",
            $"api/files/{theirs.Titles[0].Outputs[0].Path}", $"api/catalogs/{studioId}", $"api/files/{studio.Titles[0].Outputs[0].Path}",
            "api/files/mixes/song.wav", $"api/files/renders/{acmeId}/../{zenithId}/{Path.GetFileName(Path.GetDirectoryName(theirs.Titles[0].Outputs[0].Path))}/x",
        })
        {
            using var response = await acme.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"acme's GET {path}: {response.StatusCode}");
        }

        Assert.Single((await zenith.GetFromJsonAsync<JsonElement>("api/catalogs", ct)).EnumerateArray());

        // A client's token is for the wrong role everywhere the farm is run.
        foreach (var (method, path) in routes.Where(r => Staff(r.Path, r.Method)))
        {
            // (an upload is sent as one, else routing answers 415 before anyone is asked)
            using var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "files", "a.wav" } };
            using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", acmeId, StringComparison.Ordinal).TrimStart('/'))
            {
                Content = path == "/api/uploads" ? upload : method is "POST" or "PUT" ? JsonContent.Create(new { }) : null,
            };
            using var response = await acme.SendAsync(request, ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"acme's {method} {path}: {response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await acme.PutAsJsonAsync("api/accounts/zed/password", new { password = "a takeover password" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acme.PostAsJsonAsync("api/tokens", new { label = "x", account = "zed" }, ct)).StatusCode);
        Assert.All((await acme.GetFromJsonAsync<JsonElement>("api/tokens", ct)).EnumerateArray(), t => Assert.Equal("acme-ann", t.GetProperty("account").GetString()));

        // The sign-in page: a stranger's form without its antiforgery token is refused; a return address off the site is not followed.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["account"] = "admin", ["password"] = HostProcess.AdminPassword });
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.PostAsync(new Uri("signin", UriKind.Relative), form, ct)).StatusCode);
        var (cookies, signedIn) = await SignInByForm(host.Address, "acme-ann", AcmePassword, "//evil.example/x", ct);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        using (cookies)
        {
            Assert.Single((await cookies.GetFromJsonAsync<JsonElement>("api/catalogs", ct)).EnumerateArray());
            Assert.Equal(HttpStatusCode.Forbidden, (await cookies.GetAsync(new Uri("api/farm", UriKind.Relative), ct)).StatusCode);
        }

        // Five wrong passwords lock an account: then the right one is refused too, for a while.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("api/signin/token", new { account = "zed", password = $"guess {i}" }, ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("api/signin/token", new { account = "zed", password = ZenithPassword }, ct)).StatusCode);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("api/accounts", ct)).EnumerateArray().Single(a => a.GetProperty("name").GetString() == "zed").GetProperty("locked").GetBoolean());

        // A removed account's token stops at once; a revoked token too.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("api/accounts/zed", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await zenith.GetAsync(new Uri("api/catalogs", UriKind.Relative), ct)).StatusCode);
        // A token does not make tokens (a leaked one would outlive its revocation); a password does.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("api/tokens", new { label = "minted" }, ct)).StatusCode);
        var spare = await Created(stranger.PostAsJsonAsync("api/signin/token", new { account = "eng", password = EngineerPassword, label = "spare", days = 1 }, ct));
        using var spareClient = new HttpClient { BaseAddress = host.Address };
        spareClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", spare.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await spareClient.GetAsync(new Uri("api/catalogs", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await engineer.DeleteAsync(new Uri($"api/tokens/{spare.GetProperty("id").GetString()}", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await spareClient.GetAsync(new Uri("api/catalogs", UriKind.Relative), ct)).StatusCode);

        // A write signed by the cookie from another origin (another port of the same host is the same site) is refused.
        var (cookie, _) = await SignInByForm(host.Address, "acme-ann", AcmePassword, "/", ct);
        using (cookie)
        {
            using var crossSite = new HttpRequestMessage(HttpMethod.Post, "api/tokens") { Content = JsonContent.Create(new { label = "x" }) };
            crossSite.Headers.Add("Origin", "http://127.0.0.1:15672");
            Assert.Equal(HttpStatusCode.Forbidden, (await cookie.SendAsync(crossSite, ct)).StatusCode);
            using var sameSite = new HttpRequestMessage(HttpMethod.Post, "api/tokens") { Content = JsonContent.Create(new { label = "from the dashboard" }) };
            sameSite.Headers.Add("Origin", host.Address.GetLeftPart(UriPartial.Authority));
            Assert.Equal(HttpStatusCode.Created, (await cookie.SendAsync(sameSite, ct)).StatusCode);

            // One's own password needs the current one; changed, it ends the account's other sign-ins and its tokens.
            await Refused(acme.PutAsJsonAsync("api/accounts/acme-ann/password", new { password = "acme's new long password" }, ct), "current");
            Assert.Equal(HttpStatusCode.NoContent, (await acme.PutAsJsonAsync("api/accounts/acme-ann/password", new { password = "acme's new long password", current = AcmePassword }, ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await acme.GetAsync(new Uri("api/catalogs", UriKind.Relative), ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync(new Uri("api/catalogs", UriKind.Relative), ct)).StatusCode);
        }

        // A client gets the title and its report, not the farm's tasks.
        using var acmeAgain = await host.ClientAs("acme-ann", "acme's new long password");
        var title = await acmeAgain.GetFromJsonAsync<JsonElement>($"api/titles/{acmeId}/0001", ct);
        Assert.Empty(title.GetProperty("tasks").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await acmeAgain.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), ct)).StatusCode);

        // Sign-ins are limited per address and minute (a PBKDF2 each): a burst of guesses gets 429s.
        var limited = 0;
        for (var i = 0; i < 25; i++)
        {
            using var guess = await stranger.PostAsJsonAsync("api/signin/token", new { account = "nobody", password = $"guess number {i}" }, ct);
            limited += guess.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.True(limited > 0, "25 sign-ins in a row from one address were all let through");

        // Tokens and the sign-in cookie's keys outlive a restart of the host.
        var beforeRestart = engineerCookie;
        host.Kill();
        await host.Start();
        Assert.Equal(HttpStatusCode.OK, (await acmeAgain.GetAsync(new Uri($"api/catalogs/{acmeId}", UriKind.Relative), ct)).StatusCode);
        using (beforeRestart)
        {
            Assert.Equal(HttpStatusCode.OK, (await beforeRestart.GetAsync(new Uri($"api/catalogs/{acmeId}", UriKind.Relative), ct)).StatusCode);
        }

        // No password, no token's secret in the log (at Information), nor in the data folder but the hashes.
        var log = host.Log + string.Join('\n', host.AllLines);
        foreach (var secret in new[] { HostProcess.AdminPassword, AcmePassword, "acme's new long password", ZenithPassword, EngineerPassword, spare.GetProperty("token").GetString()! })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(secret.Split('_').Last(), string.Join('\n', Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    // Routes that run the farm: a client's token gets 403 there (reading its own catalogues is not one of them).
    private static bool Staff(string path, string method) =>
        path is "/api/farm" or "/api/uploads" or "/api/accounts" || path.StartsWith("/api/accounts/", StringComparison.Ordinal) && method == "DELETE"
        || (path.StartsWith("/api/catalogs", StringComparison.Ordinal) && method is "POST" or "PUT");

    private static async Task<List<(string Method, string Path)>> Routes(HttpClient admin)
    {
        var document = await admin.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var routes = new List<(string, string)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                routes.Add((operation.Name.ToUpperInvariant(), path.Name.Replace("{**path}", "x", StringComparison.Ordinal).Replace("{path}", "x", StringComparison.Ordinal)
                    .Replace("{catalogId}", "c", StringComparison.Ordinal).Replace("{number}", "0001", StringComparison.Ordinal).Replace("{name}", "someone", StringComparison.Ordinal)));
            }
        }

        return routes;
    }

    private static async Task<string> Submit(HttpClient engineer, string? client, CancellationToken ct)
    {
        var created = await Created(engineer.PostAsJsonAsync("api/catalogs", new { name = $"for {client ?? "the studio"}", sources = Mixes, profile = "spotify", client }, ct));
        return created.GetProperty("catalogId").GetString()!;
    }

    private static async Task<JsonElement> Created(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage!.RequestUri}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Refused(Task<HttpResponseMessage> sending, string field)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage!.RequestUri}: {response.StatusCode} {body}");
        Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
    }

    // Signs in through the sign-in page as a browser does (its antiforgery token, then the form); a client holding the cookie, and the form's answer.
    private static async Task<(HttpClient Client, HttpResponseMessage Answer)> SignInByForm(Uri address, string account, string password, string returnUrl, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = address };
        var page = await client.GetStringAsync(new Uri("signin", UriKind.Relative), ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token), ["account"] = account, ["password"] = password, ["returnUrl"] = returnUrl });
        var answer = await client.PostAsync(new Uri("signin", UriKind.Relative), form, ct);
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"sign-in as {account}: {answer.StatusCode}");
        return (client, answer);
    }
}
