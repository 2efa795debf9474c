using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using RenderFarm.Contracts.Reports;
using RenderFarm.Grains;
using RenderFarm.Host.Catalogs;
using RenderFarm.Host.Security;
using RenderFarm.Worker;

namespace RenderFarm.Host.Api;

/// <summary>
/// The HTTP API (<c>/api</c>, OpenAPI document at <c>/openapi/v1.json</c>): upload files into the media
/// root, create catalogues from files in it, list and read catalogues and titles, cancel, pause, resume, retry and
/// re-prioritise them, and download what they made.
/// </summary>
public static partial class FarmApi
{
    public static WebApplication MapRenderFarmApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RefuseUnreadableBodies);
        app.MapOpenApi().RequireAuthorization(SecurityHosting.Staff);
        var api = app.MapGroup("/api");
        // Staff (admins, engineers) run the farm; a client reads its own catalogues (anyone else's is a 404).
        var staff = api.MapGroup(string.Empty).RequireAuthorization(SecurityHosting.Staff);
        staff.MapPost("/catalogs", CreateCatalog).WithName("CreateCatalog");
        api.MapGet("/catalogs", ListCatalogs).WithName("ListCatalogs");
        api.MapGet("/catalogs/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) => Existing(grains, user, id)).WithName("GetCatalog");
        api.MapGet("/catalogs/{id}/titles", Titles).WithName("GetCatalogTitles");
        staff.MapPost("/catalogs/{id}/cancel", (string id, IGrainFactory grains) => Act(grains, id, c => c.Cancel())).WithName("CancelCatalog");
        staff.MapPost("/catalogs/{id}/pause", (string id, IGrainFactory grains) => Act(grains, id, c => c.Pause())).WithName("PauseCatalog");
        staff.MapPost("/catalogs/{id}/resume", (string id, IGrainFactory grains) => Act(grains, id, c => c.Unpause())).WithName("ResumeCatalog");
        staff.MapPost("/catalogs/{id}/retry", (string id, IGrainFactory grains) => Act(grains, id, c => c.RetryFailed())).WithName("RetryCatalog");
        staff.MapPost("/catalogs/{id}/rerender", (string id, IGrainFactory grains) => Act(grains, id, c => c.Rerender())).WithName("RerenderCatalog");
        staff.MapPut("/catalogs/{id}/priority", (string id, PriorityRequest body, IGrainFactory grains) =>
            body.Priority is < 0 or > 100
                ? Task.FromResult(Problem("priority", $"{body.Priority} is out of range: accepted 0 to 100"))
                : Act(grains, id, c => c.SetPriority(body.Priority))).WithName("SetCatalogPriority");
        api.MapGet("/catalogs/{id}/report.csv", (string id, ClaimsPrincipal user, IGrainFactory grains) => Export(grains, user, id, csv: true)).WithName("ExportCatalogCsv");
        api.MapGet("/catalogs/{id}/report.json", (string id, ClaimsPrincipal user, IGrainFactory grains) => Export(grains, user, id, csv: false)).WithName("ExportCatalogJson");
        api.MapGet("/titles/{catalogId}/{number}", GetTitle).WithName("GetTitle");
        api.MapGet("/titles/{catalogId}/{number}/excerpt", Excerpts.Get).WithName("GetRestoreExcerpt");
        api.MapGet("/files/{**path}", Download).WithName("Download");
        staff.MapGet("/farm", (IGrainFactory grains) => grains.GetGrain<IFarmStatusGrain>(0).GetStatus()).WithName("GetFarmStatus");
        UploadApi.MapUploads(staff);
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

    private static async Task<IResult> ListCatalogs(ClaimsPrincipal user, IGrainFactory grains)
    {
        var summaries = await CatalogAccess.Summaries(grains, user);
        return Results.Ok(summaries.Select(s => new
        {
            s.CatalogId,
            s.Name,
            s.Status,
            s.Priority,
            s.Paused,
            s.Titles,
            s.Succeeded,
            s.Failed,
            s.Progress,
            s.Client,
            s.CreatedAt,
            s.EndedAt,
        }));
    }

    private static async Task<IResult> GetTitle(string catalogId, string number, ClaimsPrincipal user, IGrainFactory grains, MediaPaths paths)
    {
        if (await CatalogAccess.Title(grains, user, catalogId, number) is not { } title)
        {
            return Results.NotFound(); // (nor a title the catalogue has not started yet)
        }

        // A client gets the title and its report; the tasks (workers, attempts, logs) are the studio's.
        var tasks = await CatalogAccess.Tasks(grains, user, title);
        var report = await TitleReports.Read(grains, title, paths.OpenRead);
        var json = report switch
        {
            { Master: { } master } => ReportJson.ToElement(master),
            { Album: { } album } => ReportJson.ToElement(album),
            _ => (JsonElement?)null,
        };
        var restore = report?.Restore is { } repairs ? ReportJson.ToElement(repairs) : (JsonElement?)null;
        return Results.Ok(new TitleDetail(title, tasks, json, report?.Error, restore));
    }

    private static async Task<IResult> Download(string path, ClaimsPrincipal user, MediaPaths paths, IGrainFactory grains)
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

        // A client downloads what its own catalogues made; anything else is, to it, not there.
        if (!await FarmClaims.MayDownload(user, paths.Relative(full), async id => (await CatalogAccess.Summary(grains, user, id))?.Client))
        {
            return Results.NotFound();
        }

        return File.Exists(full)
            ? Results.File(full, "application/octet-stream", Path.GetFileName(full), enableRangeProcessing: true)
            : Results.NotFound();
    }

    // A catalogue's report: one row per title with its state, loudness before and after, compliance and QC.
    private static async Task<IResult> Export(IGrainFactory grains, ClaimsPrincipal user, string id, bool csv)
    {
        if (await Visible(grains, user, id) is not { } catalog)
        {
            return Results.NotFound();
        }

        var rows = catalog.Titles.Select(CatalogReportRow.From).ToArray();
        return csv
            ? Results.Text(CatalogReportRow.Csv(rows), "text/csv; charset=utf-8")
            : Results.Json(new { catalog.CatalogId, catalog.Name, catalog.Status, catalog.CreatedAt, catalog.EndedAt, Titles = rows });
    }

    // A page of a catalogue's titles (a catalogue of thousands is read a page at a time).
    private static async Task<IResult> Titles(string id, ClaimsPrincipal user, IGrainFactory grains, int? offset, int? limit, JobStatus? status, string? search)
    {
        if (offset < 0)
        {
            return Problem("offset", $"offset {offset}: accepted 0 or more");
        }

        if (limit is < 1 or > TitleQuery.MaxLimit)
        {
            return Problem("limit", $"limit {limit}: accepted 1 to {TitleQuery.MaxLimit}");
        }

        return await CatalogAccess.Summary(grains, user, id) is null
            ? Results.NotFound()
            : Results.Ok(await grains.GetGrain<ICatalogGrain>(id).GetTitles(new TitleQuery { Offset = offset ?? 0, Limit = limit ?? 50, Status = status, Search = search }));
    }

    private static async Task<IResult> Existing(IGrainFactory grains, ClaimsPrincipal user, string id) =>
        await Visible(grains, user, id) is { } catalog ? Results.Ok(catalog) : Results.NotFound();

    /// <summary>The catalogue (with every title) when it exists and <paramref name="user"/> may see it; else null.</summary>
    internal static async Task<CatalogSnapshot?> Visible(IGrainFactory grains, ClaimsPrincipal user, string id) =>
        await CatalogAccess.Summary(grains, user, id) is null ? null : await grains.GetGrain<ICatalogGrain>(id).GetSnapshot();

    private static async Task<IResult> Act(IGrainFactory grains, string id, Func<ICatalogGrain, Task> action)
    {
        if (!await CatalogAccess.Exists(grains, id))
        {
            return Results.NotFound();
        }

        var catalog = grains.GetGrain<ICatalogGrain>(id);
        await action(catalog);
        return Results.Ok(await catalog.GetSnapshot());
    }

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

    /// <summary>
    /// Answers 503 for an API request whose grain call the cluster could not answer; first in the pipeline, as
    /// signing in with a token asks the accounts grain before anything else.
    /// </summary>
    public static WebApplication UseClusterUnavailableAnswers(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(AnswerWhenTheClusterDoesNot);
        return app;
    }

    /// <summary>
    /// A grain call that the cluster could not answer (a silo stopping or gone before membership says so:
    /// the call waits Orleans' response timeout, Farm:GrainCallTimeoutSeconds, or is rejected) is a 503 with Retry-After, so a client
    /// tries again instead of taking it for a failed request. A call that timed out may still have been done:
    /// the actions (cancel, pause, retry, priority) are idempotent; a submission may have made its catalogue,
    /// which the list of catalogues shows, so clients retry reads on their own and leave submissions to the user.
    /// </summary>
    private static async Task AnswerWhenTheClusterDoesNot(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (Exception e) when (!context.Response.HasStarted && context.Request.Path.StartsWithSegments("/api") && IsClusterUnavailable(e))
        {
            ClusterDidNotAnswer(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FarmApi)), context.Request.Method, context.Request.Path, e.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                $"the farm did not answer in time ({e.GetType().Name}): a silo may be stopping or starting; try again in {RetryAfterSeconds} s",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "farm unavailable").ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the cluster did not answer ({Error}); answered 503")]
    private static partial void ClusterDidNotAnswer(ILogger log, string method, PathString path, string error);

    /// <summary>The seconds a 503's Retry-After asks a client to wait.</summary>
    internal const int RetryAfterSeconds = 5;

    /// <summary>Whether a grain call failed because the cluster could not reach or answer it (not because the call itself failed).</summary>
    internal static bool IsClusterUnavailable(Exception e) =>
        e is TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
        || (e is AggregateException { InnerExceptions.Count: 1 } a && IsClusterUnavailable(a.InnerExceptions[0]));

    /// <summary>A 400 whose <c>field</c> names what to fix.</summary>
    internal static IResult Problem(string field, string message, string title = "invalid request") =>
        Results.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: title, extensions: new Dictionary<string, object?> { ["field"] = field });
}
