using System.Globalization;
using System.Security.Claims;
using RenderFarm.Audio;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Grains;
using RenderFarm.Worker;

namespace RenderFarm.Host.Api;

/// <summary>
/// A few seconds of a restored title to listen to at a repair: <c>GET /api/titles/{catalogue}/{nnnn}/excerpt?at=S&amp;version=before|after</c>
/// gives four seconds from a second before <c>at</c>, of the recording as it came (<c>before</c>) or as restored
/// (<c>after</c>), as 24-bit WAV. Whoever may see the title may listen; nothing else of the media root is reachable.
/// </summary>
internal static class Excerpts
{
    public const double Seconds = 4.0;
    public const double Lead = 1.0;

    public static async Task<IResult> Get(string catalogId, string number, double? at, string? version, ClaimsPrincipal user, IGrainFactory grains, MediaPaths paths)
    {
        if (at is not { } seconds || !double.IsFinite(seconds) || seconds < 0 || seconds > 86_400)
        {
            return FarmApi.Problem("at", "is the time of the excerpt in seconds: accepted 0 to 86400");
        }

        if (version is not ("before" or "after"))
        {
            return FarmApi.Problem("version", $"'{version}' is not accepted: accepted before, after");
        }

        if (await CatalogAccess.Title(grains, user, catalogId, number) is not { } title)
        {
            return Results.NotFound();
        }

        if ((await TitleReports.Read(grains, title, paths.OpenRead))?.Restore is not { } restore)
        {
            return FarmApi.Problem("version", $"title {title.TitleId} has not been restored: there is nothing to compare", "no restore");
        }

        try
        {
            var source = paths.Resolve(version == "before" ? restore.Input : restore.Output, "excerpt source");
            return Results.File(Cut(source, seconds), "audio/wav", string.Create(CultureInfo.InvariantCulture, $"{version}-{seconds:0.000}s.wav"));
        }
        catch (Exception e) when (e is AudioFileException or IOException or MediaPathException)
        {
            // (the recording moved or unreadable since the restore: said, not a 500)
            return FarmApi.Problem("version", e.Message, "excerpt unavailable");
        }
    }

    // Four seconds of the file from a second before the time asked for (less at the ends), as 24-bit WAV bytes.
    private static byte[] Cut(string path, double at)
    {
        using var reader = AudioFile.OpenRead(path);
        var info = reader.Info;
        var start = (long)Math.Max(0, (at - Lead) * info.SampleRate);
        reader.Skip(start);
        var frames = (int)(Seconds * info.SampleRate);
        var buffer = new AudioBuffer(info.Channels, frames);
        var read = 0;
        int n;
        while (read < frames && (n = reader.Read(buffer.AsBlock(frames).Slice(read, frames - read))) > 0)
        {
            read += n;
        }

        var file = Path.Combine(Path.GetTempPath(), $"renderfarm-excerpt-{Guid.NewGuid():N}.wav");
        try
        {
            using (var writer = WavWriter.Create(file, new WavWriterOptions { SampleRate = info.SampleRate, Channels = info.Channels, Format = SampleFormat.Pcm24 }))
            {
                writer.Write(buffer.AsBlock(read));
                writer.Complete();
            }

            return File.ReadAllBytes(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
