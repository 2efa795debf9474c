using System.Text;

namespace RenderFarm.Worker;

/// <summary>
/// Paths in commands are relative to the media root; this turns them into full paths and refuses any
/// that would leave it (absolute paths, <c>..</c>, symbolic links that point outside).
/// </summary>
public sealed class MediaPaths
{
    private const int MaxNameLength = 120;

    private readonly string _root;

    public MediaPaths(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    public string Root => _root;

    /// <summary>The full path of <paramref name="relative"/> inside the root; <paramref name="field"/> names it in errors.</summary>
    public string Resolve(string relative, string field)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0 || Path.IsPathRooted(relative))
        {
            throw new MediaPathException($"{field}: '{relative}' is not a path relative to the media root");
        }

        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!Inside(full))
        {
            throw new MediaPathException($"{field}: '{relative}' leads outside the media root");
        }

        // A link inside the root may point anywhere: follow every link on the way.
        for (var at = new FileInfo(full) as FileSystemInfo; at is not null && at.FullName.Length > _root.Length; at = Parent(at))
        {
            if (at.Exists && at.LinkTarget is not null && at.ResolveLinkTarget(returnFinalTarget: true) is { } target && !Inside(target.FullName))
            {
                throw new MediaPathException($"{field}: '{relative}' goes through a link to {target.FullName}, outside the media root");
            }
        }

        return full;
    }

    /// <summary>
    /// The name a file sent from elsewhere (an upload) is kept under: its last path segment, with anything but letters, digits,
    /// space, '-', '_', '.' and '+' replaced by '_', no leading dots, at most 120 characters; null when
    /// nothing is left.
    /// </summary>
    public static string? SafeFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var text = new StringBuilder(last.Length);
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            text.Append(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '+' ? c : '_');
        }

        var safe = text.ToString().Trim().TrimStart('.').Trim();
        if (safe.Length > MaxNameLength)
        {
            var extension = Path.GetExtension(safe);
            safe = string.Concat(safe.AsSpan(0, MaxNameLength - extension.Length), extension);
        }

        return safe.Length == 0 || safe.Trim('_', '.', ' ').Length == 0 ? null : safe;
    }

    /// <summary>The path of a file inside the root, relative to it (with '/').</summary>
    /// <summary>Opens a file by its path relative to the root for reading; null when it is not there or not inside the root.</summary>
    public Stream? OpenRead(string relative)
    {
        try
        {
            var full = Resolve(relative, "path");
            return File.Exists(full) ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null;
        }
        catch (MediaPathException)
        {
            return null;
        }
    }

    public string Relative(string full) => Path.GetRelativePath(_root, full).Replace('\\', '/');

    private static DirectoryInfo? Parent(FileSystemInfo info) => info switch
    {
        FileInfo f => f.Directory,
        DirectoryInfo d => d.Parent,
        _ => null,
    };

    /// <summary>Whether <paramref name="path"/> (any path, absolute or from the working folder) is the root or lies inside it.</summary>
    public bool Holds(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full == _root || Inside(full);
    }

    private bool Inside(string full) => full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
