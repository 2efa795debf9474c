using System.Net.Http.Headers;
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
/// The dashboard in Debian's Chromium (Playwright, headless) against the embedded host: a real recording
/// uploaded and submitted, its progress followed on the catalogue page to done without a reload, its
/// title page with the loudness report and the QC list, a deliverable downloaded and its hash checked,
/// and each page checked by axe (no serious or critical violation). A screenshot of each page is kept
/// in <c>.cache/artifacts/dashboard</c> (or <c>$RENDERFARM_ARTIFACTS</c>).
/// </summary>
public sealed class DashboardEndToEndTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("e2e");
    private readonly string _artifacts = Environment.GetEnvironmentVariable("RENDERFARM_ARTIFACTS") is { Length: > 0 } a
        ? a : Path.Combine(Material.Repository, ".cache", "artifacts", "dashboard");

    [Fact]
    public async Task UploadedRecording_FollowedToDone_ReportOpened_DeliverableDownloaded()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_artifacts);
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(media);
        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();

        // A real recording, uploaded and submitted through the API.
        var recording = Path.Combine(_folder, "blupi-song.wav");
        Tools.Ffmpeg("-i", Material.Song(1), "-t", "45", "-c:a", "pcm_s24le", recording);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(recording, ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "files", "blupi-song.wav");
        var upload = await (await host.Client.PostAsync(new Uri("api/uploads", UriKind.Relative), form, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = await host.Submit(upload.GetProperty("folder").GetString()!);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address.ToString(), AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // The catalogues page lists it; its page follows the title to done without a reload.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catalogues" }));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_artifacts, "catalogues.png"), FullPage = true });
        await Accessible(page, "catalogues");
        await page.Locator($"a[href='catalogues/{id}']").ClickAsync();
        await page.WaitForURLAsync($"**/catalogues/{id}");
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
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_artifacts, "catalogue.png"), FullPage = true });
        await Accessible(page, "catalogue");

        // The title's page: its loudness report and QC list.
        await page.GetByRole(AriaRole.Link, new() { Name = "blupi-song" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Loudness" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quality control" }));
        var output = await page.Locator("table").First.InnerTextAsync();
        Assert.Contains("-14.0 LUFS", output, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_artifacts, "title.png"), FullPage = true });
        await Accessible(page, "title");

        // A deliverable downloads, and its bytes have the hash the page and the API give.
        var link = page.Locator("a[download]").First;
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var saved = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved, ct)));
        Assert.Contains(hash, await page.ContentAsync(), StringComparison.Ordinal);
        var catalog = await host.Get<CatalogSnapshot>($"api/catalogs/{id}");
        Assert.Contains(catalog.Titles[0].Outputs, o => o.Sha256 == hash && o.Path.EndsWith(download.SuggestedFilename, StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static Task Expect(ILocator locator) => locator.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

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
