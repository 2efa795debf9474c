using System.Globalization;
using RenderFarm.Grains;
using RenderFarm.Host.Catalogs;
using RenderFarm.Worker;

namespace RenderFarm.Host.Api;

/// <summary>
/// The HTTP API (<c>/api</c>, OpenAPI document at <c>/openapi/v1.json</c>): upload files into the media
/// root, create catalogues from files in it, list and read catalogues and titles, cancel, pause, resume, retry and
/// re-prioritise them, and download what they made.
/// </summary>
public static class FarmApi
{
    public static WebApplication MapRenderFarmApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RefuseUnreadableBodies);
        app.MapOpenApi();
        var api = app.MapGroup("/api");
        api.MapPost("/catalogs", CreateCatalog).WithName("CreateCatalog");
        api.MapGet("/catalogs", ListCatalogs).WithName("ListCatalogs");
        api.MapGet("/catalogs/{id}", (string id, IGrainFactory grains) => Existing(grains, id, c => c.GetSnapshot())).WithName("GetCatalog");
        api.MapPost("/catalogs/{id}/cancel", (string id, IGrainFactory grains) => Act(grains, id, c => c.Cancel())).WithName("CancelCatalog");
        api.MapPost("/catalogs/{id}/pause", (string id, IGrainFactory grains) => Act(grains, id, c => c.Pause())).WithName("PauseCatalog");
        api.MapPost("/catalogs/{id}/resume", (string id, IGrainFactory grains) => Act(grains, id, c => c.Unpause())).WithName("ResumeCatalog");
        api.MapPost("/catalogs/{id}/retry", (string id, IGrainFactory grains) => Act(grains, id, c => c.RetryFailed())).WithName("RetryCatalog");
        api.MapPost("/catalogs/{id}/rerender", (string id, IGrainFactory grains) => Act(grains, id, c => c.Rerender())).WithName("RerenderCatalog");
        api.MapPut("/catalogs/{id}/priority", (string id, PriorityRequest body, IGrainFactory grains) =>
            body.Priority is < 0 or > 100
                ? Task.FromResult(Problem("priority", $"{body.Priority} is out of range: accepted 0 to 100"))
                : Act(grains, id, c => c.SetPriority(body.Priority))).WithName("SetCatalogPriority");
        api.MapGet("/catalogs/{id}/report.csv", (string id, IGrainFactory grains) => Export(grains, id, csv: true)).WithName("ExportCatalogCsv");
        api.MapGet("/catalogs/{id}/report.json", (string id, IGrainFactory grains) => Export(grains, id, csv: false)).WithName("ExportCatalogJson");
        api.MapGet("/titles/{catalogId}/{number}", GetTitle).WithName("GetTitle");
        api.MapGet("/files/{**path}", Download).WithName("Download");
        api.MapGet("/farm", (IGrainFactory grains) => grains.GetGrain<IFarmStatusGrain>(0).GetStatus()).WithName("GetFarmStatus");
        UploadApi.MapUploads(api);
        return app;
    }

    private static async Task<IResult> CreateCatalog(CatalogRequest request, CatalogSubmission submission)
    {
        CatalogSnapshot snapshot;
        try
        {
            snapshot = await submission.Submit(request);
        }
        catch (CatalogRequestException e)
        {
            return Problem(e.Field, e.Message);
        }

        return Results.Created($"/api/catalogs/{snapshot.CatalogId}", snapshot);
    }

    private static async Task<IResult> ListCatalogs(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICatalogGrain>(id).GetSnapshot()));
        return Results.Ok(snapshots.Select(s => new
        {
            s.CatalogId,
            s.Name,
            s.Status,
            s.Priority,
            s.Paused,
            Titles = s.Titles.Count,
            Succeeded = s.Count(JobStatus.Succeeded),
            Failed = s.Count(JobStatus.Failed),
            s.Progress,
            s.CreatedAt,
            s.EndedAt,
        }));
    }

    private static async Task<IResult> GetTitle(string catalogId, string number, IGrainFactory grains)
    {
        // A title of a known catalogue only: asking a title grain that was never given a spec would make one.
        var titleId = $"{catalogId}/{number}";
        if (!await Known(grains, catalogId) || !(await grains.GetGrain<ICatalogGrain>(catalogId).GetSnapshot()).Titles.Any(t => t.TitleId == titleId))
        {
            return Results.NotFound();
        }

        var title = await grains.GetGrain<ITitleGrain>(titleId).GetSnapshot();
        var tasks = await Task.WhenAll(title.Tasks.Select(t => grains.GetGrain<IRenderTaskGrain>(t).GetSnapshot()));
        return Results.Ok(new TitleDetail(title, tasks));
    }

    private static IResult Download(string path, MediaPaths paths)
    {
        string full;
        try
        {
            full = paths.Resolve(path, "path");
        }
        catch (MediaPathException e)
        {
            return Problem("path", e.Message);
        }

        return File.Exists(full)
            ? Results.File(full, "application/octet-stream", Path.GetFileName(full), enableRangeProcessing: true)
            : Results.NotFound();
    }

    // A catalogue's report: one row per title with its state, loudness before and after, compliance and QC.
    private static async Task<IResult> Export(IGrainFactory grains, string id, bool csv)
    {
        if (!await Known(grains, id))
        {
            return Results.NotFound();
        }

        var catalog = await grains.GetGrain<ICatalogGrain>(id).GetSnapshot();
        var rows = catalog.Titles.Select(CatalogReportRow.From).ToArray();
        return csv
            ? Results.Text(CatalogReportRow.Csv(rows), "text/csv; charset=utf-8")
            : Results.Json(new { catalog.CatalogId, catalog.Name, catalog.Status, catalog.CreatedAt, catalog.EndedAt, Titles = rows });
    }

    private static async Task<IResult> Existing(IGrainFactory grains, string id, Func<ICatalogGrain, Task<CatalogSnapshot>> read) =>
        await Known(grains, id) ? Results.Ok(await read(grains.GetGrain<ICatalogGrain>(id))) : Results.NotFound();

    private static async Task<IResult> Act(IGrainFactory grains, string id, Func<ICatalogGrain, Task> action)
    {
        if (!await Known(grains, id))
        {
            return Results.NotFound();
        }

        var catalog = grains.GetGrain<ICatalogGrain>(id);
        await action(catalog);
        return Results.Ok(await catalog.GetSnapshot());
    }

    private static async Task<bool> Known(IGrainFactory grains, string id) =>
        (await grains.GetGrain<ICatalogIndexGrain>(0).List()).Contains(id, StringComparer.Ordinal);

    // A body that is not JSON, or JSON of the wrong shape (a string for a number, a missing field): a 400 that
    // names where, by its JSON path, rather than ASP.NET's bare 400 (RouteHandlerOptions.ThrowOnBadRequest).
    private static async Task RefuseUnreadableBodies(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && e.StatusCode == StatusCodes.Status400BadRequest)
        {
            var json = e.InnerException as System.Text.Json.JsonException;
            var field = json?.Path is { Length: > 0 } path ? path : "$";
            var problem = json is null
                ? e.Message
                : string.Create(CultureInfo.InvariantCulture, $"the request body is not a valid request at {field} (line {(json.LineNumber ?? 0) + 1}, byte {json.BytePositionInLine ?? 0}): {json.Message.Split(" Path:")[0]}");
            await Problem(field, problem).ExecuteAsync(context);
        }
    }

    /// <summary>A 400 whose <c>field</c> names what to fix.</summary>
    internal static IResult Problem(string field, string message, string title = "invalid request") =>
        Results.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: title, extensions: new Dictionary<string, object?> { ["field"] = field });
}
