using System.Globalization;

namespace RenderFarm.Mastering.Albums;

/// <summary>
/// Where an album job works and how its files reach the output folder. The whole album is made in a work
/// folder of its own inside the output folder (<c>.renderfarm-album-ATTEMPT-ID</c>), then every file is
/// moved into place, each move an atomic replace. So the output folder only ever holds finished files: an
/// album cut off half way leaves its work folder, never half a disc, and a late attempt of the same album
/// (a worker that hung and woke) replaces finished files with the same bytes instead of deleting them.
/// </summary>
public static class AlbumOutput
{
    /// <summary>The folders of the output that belong to the album's files.</summary>
    public static readonly IReadOnlyList<string> Folders = ["tracks", "cd", "ddp"];

    private const string Prefix = ".renderfarm-album-";

    /// <summary>A new work folder's path in <paramref name="outputDirectory"/>, carrying the attempt's number when there is one.</summary>
    public static string WorkFolder(string outputDirectory, int? attempt) =>
        Path.Combine(outputDirectory, attempt is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{a:D6}-{Guid.NewGuid():N}")
            : $"{Prefix}{Guid.NewGuid():N}");

    /// <summary>
    /// Removes the work folders that attempts before <paramref name="attempt"/> left in <paramref name="outputDirectory"/>
    /// (and those of runs that gave no attempt). A later attempt's folder stays: it may still be working.
    /// </summary>
    public static void RemoveLeftovers(string outputDirectory, int attempt)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(outputDirectory, Prefix + "*"))
        {
            var name = Path.GetFileName(folder)[Prefix.Length..];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            var earlier = dash < 0 || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var of) || of < attempt;
            if (earlier)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (DirectoryNotFoundException)
                {
                    // Another attempt cleared it first.
                }
            }
        }
    }

    /// <summary>
    /// Moves every file under <paramref name="staging"/> to the same place under <paramref name="outputDirectory"/>,
    /// replacing what is there, then removes the files of <see cref="Folders"/> that this album does not have
    /// (an earlier version's). Returns the map from a staged path to its published one.
    /// </summary>
    public static Func<string, string> Publish(string staging, string outputDirectory)
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(staging))
        {
            foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray())
            {
                var target = Path.Combine(outputDirectory, Path.GetRelativePath(staging, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
                published.Add(Path.GetFullPath(target));
            }
        }

        foreach (var name in Folders)
        {
            var folder = Path.Combine(outputDirectory, name);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !published.Contains(Path.GetFullPath(f))).ToArray())
            {
                File.Delete(file);
            }

            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        return path => Path.Combine(outputDirectory, Path.GetRelativePath(staging, path));
    }
}
