using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RenderFarm.Audio;
using RenderFarm.Host.Hosting;
using RenderFarm.Worker;

namespace RenderFarm.Host.Api;

/// <summary>
/// <c>POST /api/uploads</c>: files sent as multipart/form-data land in a new folder
/// <c>uploads/YYYYMMDD-HHMMSS-XXXXXX/</c> of the media root, streamed to disk (never held in memory),
/// each under a cleaned name and appearing only when whole. Audio files must open as audio, JSON
/// documents (sessions, profiles) are taken as they are and checked when a catalogue names them. Any
/// refusal (a name that is not an audio file or a document, a file that does not open, the size limit)
/// names the file and removes the whole upload. The folder's path then serves as a catalogue's source.
/// </summary>
internal static class UploadApi
{
    public const string Folder = "uploads";
    private const int MaxFiles = 2_000;

    public static void MapUploads(RouteGroupBuilder api) =>
        api.MapPost("/uploads", Upload).WithName("Upload").DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data").Produces<UploadResult>(StatusCodes.Status201Created);

    private static async Task<IResult> Upload(HttpContext context, MediaPaths paths, IOptions<FarmOptions> options, TimeProvider time)
    {
        var limit = options.Value.MaxUploadMegabytes * 1024L * 1024L;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problem("body", "send the files as multipart/form-data");
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var relative = $"{Folder}/{name}";
        var folder = paths.Resolve(relative, "upload");
        Directory.CreateDirectory(folder);
        var files = new List<UploadedFile>();
        try
        {
            var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = limit };
            long total = 0;
            for (var section = await reader.ReadNextSectionAsync(context.RequestAborted); section is not null; section = await reader.ReadNextSectionAsync(context.RequestAborted))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue; // form fields carry nothing we need
                }

                var field = string.Create(CultureInfo.InvariantCulture, $"files[{files.Count}]");
                if (files.Count == MaxFiles)
                {
                    return Refuse(folder, field, $"more than {MaxFiles} files in one upload");
                }

                var original = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                var safe = MediaPaths.SafeFileName(original);
                if (safe is null || !(AudioFile.HasAudioName(safe) || Path.GetExtension(safe).Equals(".json", StringComparison.OrdinalIgnoreCase)))
                {
                    return Refuse(folder, field, $"'{original}' is not an audio file or a JSON document by its name (accepted: {string.Join(", ", AudioFile.Extensions)}, .json)");
                }

                if (files.Any(f => string.Equals(Path.GetFileName(f.Path), safe, StringComparison.OrdinalIgnoreCase)))
                {
                    return Refuse(folder, field, $"'{original}' has the name of another file of this upload ({safe})");
                }

                var path = Path.Combine(folder, safe);
                var partial = Path.Combine(folder, $".{safe}.{Guid.NewGuid():N}.partial");
                string sha256;
                long bytes;
                await using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    var buffer = new byte[1 << 16];
                    int n;
                    while ((n = await section.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                    {
                        total += n;
                        if (total > limit)
                        {
                            return Refuse(folder, field, $"the upload is over the limit of {options.Value.MaxUploadMegabytes} MB (Farm:MaxUploadMegabytes)");
                        }

                        hash.AppendData(buffer, 0, n);
                        await output.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
                    }

                    await output.FlushAsync(context.RequestAborted);
                    output.Flush(flushToDisk: true);
                    bytes = output.Length;
                    sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                }

                File.Move(partial, path);
                if (AudioFile.HasAudioName(safe))
                {
                    try
                    {
                        using var audio = AudioFile.OpenRead(path);
                    }
                    catch (AudioFileException e)
                    {
                        return Refuse(folder, field, $"'{original}' does not open as audio: {e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]}");
                    }
                }

                files.Add(new UploadedFile(paths.Relative(path), original, bytes, sha256));
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            Remove(folder);
            return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? Results.Problem($"the upload is over the limit of {options.Value.MaxUploadMegabytes} MB (Farm:MaxUploadMegabytes)", statusCode: StatusCodes.Status413PayloadTooLarge)
                : Problem("body", $"the upload broke off or is not valid multipart data: {e.Message}");
        }
        catch
        {
            Remove(folder);
            throw;
        }

        if (files.Count == 0)
        {
            Remove(folder);
            return Problem("files", "the upload holds no files");
        }

        return Results.Created($"/api/files/{relative}", new UploadResult(relative, files));
    }

    private static IResult Refuse(string folder, string field, string message)
    {
        Remove(folder);
        return Problem(field, message);
    }

    private static void Remove(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IResult Problem(string field, string message) => FarmApi.Problem(field, message, "invalid upload");
}
