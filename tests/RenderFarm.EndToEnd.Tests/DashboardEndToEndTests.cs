using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RenderFarm.Grains;
using RenderFarm.Host.Tests;
using RenderFarm.Testing;

namespace RenderFarm.EndToEnd.Tests;

/// <summary>
/// The dashboard in Debian's Chromium (Playwright, headless) against the embedded host: the submit page
/// reached by keyboard, a real recording uploaded and started there, its progress followed on the catalogue
/// page to done without a reload, the catalogue exported as CSV, its title page with the loudness report,
/// charts, waveforms and QC list (the keyboard moves the marker to a finding), a deliverable downloaded and
/// its hash checked, the farm page, a profile refused at its field and then saved; each page checked by axe
/// (no serious or critical violation). A screenshot of each page is kept
/// in <c>.cache/artifacts/dashboard</c> (or <c>$RENDERFARM_ARTIFACTS</c>).
/// </summary>
public sealed class DashboardEndToEndTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("e2e");
    private readonly string _artifacts = Environment.GetEnvironmentVariable("RENDERFARM_ARTIFACTS") is { Length: > 0 } a
        ? a : Path.Combine(Material.Repository, ".cache", "artifacts", "dashboard");

    [Fact]
    public async Task RecordingUploadedOnTheSubmitPage_FollowedToDone_ReportChartsAndQc_DeliverableDownloaded_FarmAndProfiles()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_artifacts);
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(media);
        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();

        // A real recording with 4 s of silence after it, which QC reports (a finding to find on the waveform).
        var recording = Path.Combine(_folder, "blupi-song.wav");
        Tools.Ffmpeg("-t", "40", "-i", Material.Song(1), "-af", "apad=pad_dur=4", "-c:a", "pcm_s24le", recording);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address.ToString(), AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // A stranger is sent to the sign-in page; a wrong password is refused there; the right one opens the dashboard.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }));
        await SignIn(page, "admin", "not the password");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "password is wrong" }));
        await Shot(page, "signin");
        await SignIn(page, "admin", HostProcess.AdminPassword);

        // The keyboard alone reaches the submit page from the catalogues page.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catalogues" }));
        await Shot(page, "catalogues");
        await Tab(page, "Submit");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Submit a catalogue" }));

        // Upload on the submit page (straight to the upload API), then name and start the catalogue.
        await page.Locator("#upload-files").SetInputFilesAsync(recording);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Uploaded 1 file to uploads/"));
        Assert.Contains("1 source chosen: uploads/", await page.GetByText("source chosen").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Catalogue name").FillAsync("End to end");
        await Shot(page, "submit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start rendering" }).ClickAsync();
        await page.WaitForURLAsync("**/catalogues/cat-*");
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // The catalogue's page follows the title to done without a reload.
        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "title 0001: progress" });
        var seen = new SortedSet<int>();
        for (var i = 0; i < 600 && !seen.Contains(100); i++)
        {
            seen.Add(int.Parse(await progress.GetAttributeAsync("aria-valuenow") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
            await Task.Delay(100, ct);
        }

        Assert.True(seen.Contains(100), $"the progress bar never reached 100 (saw {string.Join(", ", seen)})");
        Assert.True(seen.Count >= 2, $"the progress bar did not move on the open page (saw {string.Join(", ", seen)})");
        await Expect(page.GetByLabel("status: Succeeded").First);
        await Expect(page.Locator("figure[aria-label^='Titles by integrated loudness'] svg"));
        var export = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await export.PathAsync(), ct);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("0001,blupi-song,uploads/", csv[1], StringComparison.Ordinal);
        await Shot(page, "catalogue");

        // The title's page: the loudness report, the loudness-over-time chart, both waveforms, the QC list;
        // the keyboard moves the waveform's marker to a finding's time.
        await page.GetByRole(AriaRole.Link, new() { Name = "blupi-song" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Loudness over time" }));
        Assert.Contains("-14.0 LUFS", await page.Locator("table").First.InnerTextAsync(), StringComparison.Ordinal);
        await AtLeast(page.Locator("figure[aria-label^='Loudness over time'] svg path"), 4, "the loudness chart draws its series");
        await AtLeast(page.Locator("figure[aria-label^='Long-term spectrum'] svg path"), 2, "the spectrum chart draws the input and the master");
        Assert.Equal(2, await page.Locator("svg[role=img][aria-label^='Waveform of']").CountAsync());
        var finding = page.Locator("button[aria-label^='show silence_tail at']").First;
        await Expect(finding);
        await finding.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // (a vertical line has no width: attached, not "visible", is what there is to wait for)
        await page.Locator("line[data-marker]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Equal(2, await page.Locator("line[data-marker]").CountAsync());
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Marker at" }));
        await Shot(page, "title");

        // A deliverable downloads, and its bytes have the hash the page and the API give.
        var link = page.Locator("a[download]").First;
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var saved = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved, ct)));
        Assert.Contains(hash, await page.ContentAsync(), StringComparison.Ordinal);
        var catalog = await host.Get<CatalogSnapshot>($"api/catalogs/{id}");
        Assert.Contains(catalog.Titles[0].Outputs, o => o.Sha256 == hash && o.Path.EndsWith(download.SuggestedFilename, StringComparison.Ordinal));

        // The farm page: this silo, its worker and what it has done.
        await page.GetByRole(AriaRole.Link, new() { Name = "Farm", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workers" }));
        await Expect(page.GetByText("answering", new() { Exact = true }));
        var glance = await page.GetByRole(AriaRole.List, new() { Name = "Farm at a glance" }).InnerTextAsync();
        Assert.Contains("1 of 1", glance, StringComparison.Ordinal);
        Assert.True(int.Parse(await page.Locator("td[data-label='Done']").First.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2, "the worker counts the master and its deliverables");
        await Shot(page, "farm");

        // Profiles: a new one from a target; the workers' own loader refuses a bad field at the field; fixed, it saves.
        await page.GetByRole(AriaRole.Link, new() { Name = "Profiles", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delivery targets" }));
        await Shot(page, "profiles");
        await page.GetByRole(AriaRole.Link, new() { Name = "new profile from ebu-r128" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New profile" }));
        await page.GetByLabel("Profile name (file name in profiles/)").FillAsync("e2e-broadcast");
        var gain = page.GetByLabel("Input gain (dB)");
        await gain.FillAsync("30");
        await gain.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "$.chain.input_gain_db: 30 dB is out of range: accepted -24 to 24 dB" }));
        await Expect(page.Locator("input[aria-invalid='true'][role='spinbutton']"));
        Assert.Equal("true", await gain.GetAttributeAsync("aria-invalid"));
        await gain.FillAsync("1.5");
        await gain.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByText("saved as profiles/e2e-broadcast.json"));
        var profile = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(media, "profiles", "e2e-broadcast.json"), ct)).RootElement;
        Assert.Equal(1.5, profile.GetProperty("chain").GetProperty("input_gain_db").GetDouble());
        Assert.Equal("ebu-r128", profile.GetProperty("target").GetString());
        await Shot(page, "profile-editor");

        // An album's title page: each song against the album and the disc with its files; axe on it too.
        var albumFolder = Path.Combine(media, "albums", "e2e");
        Directory.CreateDirectory(albumFolder);
        Tools.Ffmpeg("-t", "8", "-i", Material.Song(0), "-c:a", "pcm_s24le", Path.Combine(albumFolder, "one.wav"));
        Tools.Ffmpeg("-ss", "20", "-t", "8", "-i", Material.Song(2), "-af", "volume=-9dB", "-c:a", "pcm_s24le", Path.Combine(albumFolder, "two.wav"));
        await File.WriteAllTextAsync(Path.Combine(albumFolder, "e2e.album.json"), """
            { "title": "E2E Album", "artist": "Blupi", "upc": "5012345678900",
              "songs": [ { "path": "one.wav", "title": "One", "isrc": "GBRFD2600201" }, { "path": "two.wav", "title": "Two", "isrc": "GBRFD2600202", "crossfade_seconds": 2 } ] }
            """, ct);
        var albumId = await host.SubmitWith("spotify", "albums/e2e/e2e.album.json");
        var albumDone = await host.UntilEnded(albumId, TimeSpan.FromMinutes(3));
        Assert.Equal(JobStatus.Succeeded, albumDone.Status);
        await page.GotoAsync($"/catalogues/{albumId}/titles/0001");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Album", Exact = true }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The disc" }));
        // (a page opened by its address is prerendered, then rendered again when its circuit starts, which reads
        // the farm afresh: for those milliseconds the rows are gone, so the count is waited for, not read once)
        var songRows = page.Locator("section[aria-label='Each song against the album'] tbody tr");
        await Assertions.Expect(songRows).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        Assert.Contains("GBRFD2600202", await page.Locator("section[aria-label=\"The disc's tracks\"]").InnerTextAsync(), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "ddp/IMAGE.DAT" }));
        await Shot(page, "album-title");

        // A client's person signs in: the studio's catalogue is not listed, its page and downloads are not
        // there, the farm's pages are not for clients; its own client's catalogue is.
        var admin = host.Client;
        var made = await admin.PostAsJsonAsync("api/accounts", new { name = "acme-ann", role = "Client", client = "acme", password = "acme's long password" }, ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, made.StatusCode);
        var own = await admin.PostAsJsonAsync("api/catalogs", new { name = "Acme single", sources = new[] { catalog.Titles[0].Spec.Source }, profile = "spotify", client = "acme" }, ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, own.StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }));
        await SignIn(page, "acme-ann", "acme's long password");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Acme single" }));
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "End to end" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Farm", Exact = true }).CountAsync());
        await Shot(page, "client-catalogues");
        await page.GotoAsync($"/catalogues/{id}");
        await Expect(page.GetByText("No catalogue"));
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/api/files/{catalog.Titles[0].Outputs[0].Path}")).Status);
        await page.GotoAsync("/farm");
        await Expect(page.GetByText("This account may not open that page"));
    }

    private static async Task SignIn(IPage page, string account, string password)
    {
        await page.GetByLabel("Account").FillAsync(account);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    // Tabs from wherever the focus is until it lands on the element named <paramref name="name"/> (at most 30 presses).
    private static async Task Tab(IPage page, string name)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.textContent.trim() : ''") == name)
            {
                return;
            }
        }

        Assert.Fail($"the keyboard never reached '{name}'");
    }

    // Charts draw once they know their size: waits up to 30 s for at least n matches.
    private static async Task AtLeast(ILocator locator, int n, string what)
    {
        var count = 0;
        for (var i = 0; i < 300 && (count = await locator.CountAsync()) < n; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(count >= n, $"{what}: {count} of at least {n}");
    }

    // A full-page screenshot kept as an artefact, and axe on the page.
    private async Task Shot(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_artifacts, $"{name}.png"), FullPage = true });
        await Accessible(page, name);
    }

    // Waits for the locator; when it never comes, the page as it was is kept (failure.png) to see why.
    private async Task Expect(ILocator locator)
    {
        try
        {
            await locator.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await locator.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_artifacts, "failure.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(_artifacts, "failure.html"), await locator.Page.ContentAsync());
            throw;
        }
    }

    // axe-core on the page: no violation a person relying on a keyboard or a screen reader could not get past.
    private async Task Accessible(IPage page, string name)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        await File.WriteAllTextAsync(Path.Combine(_artifacts, $"{name}.axe.txt"),
            string.Join('\n', result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
        Assert.True(serious.Length == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
