using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RenderFarm.Worker;

/// <summary>
/// One claimed attempt as its render sees it: the progress to report, the cancellation that stops it, and
/// folders of its own to write in. Every folder an output goes to gets a staging folder inside it
/// (<c>.renderfarm-attempt-TASK-ATTEMPT</c>, TASK a hash of the task's id); the render writes there, and only
/// once the task confirms the claim still holds are the files moved into place, each move an atomic rename. So
/// a stale attempt (a worker that hung and woke, a command delivered twice) never touches the current attempt's
/// files, a killed render leaves only its staging folder, and the next attempt of the same task removes the
/// folders of earlier attempts (never a later one's: that one may be working still).
/// </summary>
public sealed class RenderAttempt
{
    private const string Prefix = ".renderfarm-attempt-";
    private readonly List<(string Staging, string Final)> _staged = [];
    private readonly Action _ensureCurrent;
    private readonly string _key;

    internal RenderAttempt(string taskId, int number, RenderProgress progress, Action ensureCurrent, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        Number = number;
        Progress = progress;
        Cancellation = cancellation;
        _ensureCurrent = ensureCurrent;
        _key = KeyOf(taskId);
    }

    public int Number { get; }

    public IProgress<double> Progress { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The folders staged so far, each with where its files go.</summary>
    public IReadOnlyList<(string Staging, string Final)> Staged => _staged;

    /// <summary>
    /// This attempt's staging folder for outputs that belong in <paramref name="finalDirectory"/> (created, the
    /// same one when asked again); what earlier attempts of the task left there is removed first.
    /// </summary>
    public string Stage(string finalDirectory)
    {
        var final = Path.GetFullPath(finalDirectory);
        foreach (var (staging, f) in _staged)
        {
            if (f == final)
            {
                return staging;
            }
        }

        RemoveEarlier(final);
        var folder = Path.Combine(final, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{_key}-{Number:D6}"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // this attempt's own, from a copy of its command that died here
        }

        Directory.CreateDirectory(folder);
        _staged.Add((folder, final));
        return folder;
    }

    /// <summary>Where a file written under a staging folder will be once published (a path outside them is returned as it is).</summary>
    public string Final(string path)
    {
        var full = Path.GetFullPath(path);
        foreach (var (staging, final) in _staged)
        {
            if (full.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return Path.Combine(final, Path.GetRelativePath(staging, full));
            }
        }

        return full;
    }

    /// <summary>Throws <see cref="AttemptStoppedException"/> when the task no longer holds this attempt's claim (asked of the task itself).</summary>
    public void EnsureCurrent() => _ensureCurrent();

    /// <summary>Moves every finished file of the staging folders into place (a writer's temporary files and work folders stay behind and go with their folder).</summary>
    internal void Publish()
    {
        foreach (var (staging, final) in _staged)
        {
            if (!Directory.Exists(staging))
            {
                continue;
            }

            foreach (var file in Finished(staging).Order(StringComparer.Ordinal).ToArray())
            {
                var target = Path.Combine(final, Path.GetRelativePath(staging, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
            }
        }

        Discard();
    }

    /// <summary>Removes this attempt's staging folders and all they hold.</summary>
    internal void Discard()
    {
        foreach (var (staging, _) in _staged)
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Gone already (a later attempt cleared it).
            }
        }
    }

    // A short, stable name for a task in folder names (task ids hold slashes).
    private static string KeyOf(string taskId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskId)).AsSpan(0, 8));

    private void RemoveEarlier(string final)
    {
        if (!Directory.Exists(final))
        {
            return;
        }

        var mine = $"{Prefix}{_key}-";
        foreach (var folder in Directory.EnumerateDirectories(final, mine + "*"))
        {
            if (int.TryParse(Path.GetFileName(folder).AsSpan(mine.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt < Number)
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

    // The files a render finished: not a writer's temporary file (.NAME.ID.partial) or anything in a job's work folder (.renderfarm-*).
    private static IEnumerable<string> Finished(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (!(name.StartsWith('.') && name.EndsWith(".partial", StringComparison.Ordinal)))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (!Path.GetFileName(sub).StartsWith(".renderfarm-", StringComparison.Ordinal))
            {
                foreach (var file in Finished(sub))
                {
                    yield return file;
                }
            }
        }
    }
}
