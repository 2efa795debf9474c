using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RenderFarm.Dashboard.Data;
using RenderFarm.Dashboard.Pages;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Tests;

/// <summary>
/// The dashboard's pages rendered with bUnit against a farm the test controls: what each shows, the
/// search and filters, live updates without a reload, and a farm that stops answering.
/// </summary>
public sealed class DashboardTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();
    private readonly FakeFarm _farm = new();

    public DashboardTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton<IFarmView>(_farm);
        _context.Services.Configure<DashboardOptions>(o => o.RefreshInterval = TimeSpan.FromMilliseconds(50));
        _context.Render<MudPopoverProvider>();
        _farm.Catalogs =
        [
            FakeFarm.Catalog("cat-a", "Back catalogue 1998",
                FakeFarm.Title("cat-a", 1, "albums/1998/01-intro.wav", JobStatus.Succeeded, "done", 1),
                FakeFarm.Title("cat-a", 2, "albums/1998/02-song.wav", JobStatus.Running, "deliverables", 0.5),
                FakeFarm.Title("cat-a", 3, "sessions/03.json", JobStatus.Failed, "tracks", 0.2, "tracks: track-1 failed: song.json: $.tracks[1].source: 'gone.wav' does not exist"),
                FakeFarm.Title("cat-a", 4, "albums/1998/04-outro.wav", JobStatus.Queued, "master", 0)),
            FakeFarm.Catalog("cat-b", "Single",
                FakeFarm.Title("cat-b", 1, "single.wav", JobStatus.Succeeded, "done", 1)),
        ];
    }

    [Fact]
    public void Catalogues_EachWithItsLinkStatusProgressAndCounts()
    {
        var page = _context.Render<Catalogues>();
        var rows = page.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        Assert.Equal("catalogues/cat-a", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Back catalogue 1998", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("status: Running", first.InnerHtml, StringComparison.Ordinal);
        // (1 + 0.5 + 1 + 0) / 4: a failed title counts as ended.
        Assert.Equal("62", first.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        var cells = first.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["4", "1", "1", "1", "50"], cells[3..8]);
        Assert.Contains("status: Succeeded", rows[1].InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogues_SearchKeepsTheMatchingOnes()
    {
        var page = _context.Render<Catalogues>();
        page.Find("input").Input("single");
        page.WaitForAssertion(() => Assert.Equal("Single", Assert.Single(page.FindAll("tbody tr")).QuerySelector("a")!.TextContent));
        page.Find("input").Input("nothing like it");
        page.WaitForAssertion(() => Assert.Contains("No catalogue matches the search.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Catalogues_ShowAChangeWithoutAReload()
    {
        var page = _context.Render<Catalogues>();
        Assert.Contains("status: Running", page.FindAll("tbody tr")[0].InnerHtml, StringComparison.Ordinal);
        _farm.Catalogs = [_farm.Catalogs[0] with { Status = JobStatus.Cancelled }, _farm.Catalogs[1]];
        page.WaitForAssertion(() => Assert.Contains("status: Cancelled", page.FindAll("tbody tr")[0].InnerHtml, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Catalogue_TitlesWithStageProgressAndTheReasonOfAFailure_FilteredByStatus()
    {
        var page = _context.Render<Catalogue>(p => p.Add(c => c.Id, "cat-a"));
        Assert.Equal("Back catalogue 1998", page.Find("h1").TextContent);
        var rows = page.FindAll("tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Contains("deliverables", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("50", rows[1].QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Contains("'gone.wav' does not exist", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Failed: 1", page.Markup.Replace("<b>", string.Empty, StringComparison.Ordinal).Replace("</b>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        page.Find("input").Input("outro");
        page.WaitForAssertion(() => Assert.Contains("04-outro.wav", Assert.Single(page.FindAll("tbody tr")).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Catalogue_Unknown_SaysSo()
    {
        var page = _context.Render<Catalogue>(p => p.Add(c => c.Id, "cat-zzz"));
        Assert.Equal("No catalogue cat-zzz", page.Find("h1").TextContent);
    }

    [Fact]
    public void FarmStopsAnswering_TheLastStateStaysWithAWarning()
    {
        var page = _context.Render<Catalogues>();
        _farm.Unreachable = true;
        page.WaitForAssertion(() => Assert.Contains("The farm did not answer (silo-1 did not answer)", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal(2, page.FindAll("tbody tr").Count);
        _farm.Unreachable = false;
        page.WaitForAssertion(() => Assert.DoesNotContain("did not answer", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
