using System.Globalization;
using RenderFarm.Audio;
using RenderFarm.Contracts;

namespace RenderFarm.Worker;

/// <summary>The records of the files a render made (media-relative path and SHA-256), and the small files it writes beside its audio.</summary>
internal static class RenderOutputs
{
    /// <summary>The record of a file in place.</summary>
    public static RenderOutput Recorded(MediaPaths paths, string path) => new(paths.Relative(path), FileHash.Sha256(path));

    /// <summary>A small output (a report) written into a staging folder; its record names the place it is moved to.</summary>
    public static RenderOutput Write(RenderAttempt attempt, MediaPaths paths, string staging, string name, byte[] bytes)
    {
        var path = Path.Combine(staging, name);
        File.WriteAllBytes(path, bytes);
        return new RenderOutput(paths.Relative(attempt.Final(path)), FileHash.Sha256(bytes));
    }

    /// <summary>How long each part of a job took, as a line of the attempt's log.</summary>
    public static string Timings(IReadOnlyDictionary<string, double> seconds) =>
        "took " + string.Join(", ", seconds.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key.Replace('_', ' ')} {t.Value:0.00} s")));
}
