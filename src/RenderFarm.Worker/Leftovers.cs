namespace RenderFarm.Worker;

/// <summary>
/// What a killed render leaves behind: its writers' temporary files (<c>.NAME.ID.partial</c>) and the
/// mastering job's work folders (<c>.renderfarm-work-ID</c>). The attempt that takes the task over
/// removes the ones that belong to its outputs before it starts, so delivery folders end up holding
/// finished files only.
/// </summary>
public static class Leftovers
{
    /// <summary>Removes the temporary files of the named outputs in <paramref name="directory"/>.</summary>
    public static void Remove(string directory, IEnumerable<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(outputNames);
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var name in outputNames)
        {
            // A back catalogue's name may hold folders: its partial file sits beside it there.
            var folder = Path.Combine(directory, Path.GetDirectoryName(name) ?? string.Empty);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, $".{Path.GetFileName(name)}.*.partial"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Removes every temporary file and work folder in <paramref name="directory"/> (a folder one task owns).</summary>
    public static void RemoveAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, ".*.partial"))
        {
            File.Delete(file);
        }

        foreach (var work in Directory.EnumerateDirectories(directory, ".renderfarm-work-*"))
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
