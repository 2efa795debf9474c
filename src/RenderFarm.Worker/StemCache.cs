using System.Security.Cryptography;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Worker;

/// <summary>
/// Stems kept under their <see cref="StemKey"/> in the media root (<c>.renderfarm/stems/KEY/</c>), so a
/// track whose source and settings did not change is never rendered twice: a re-render of a session
/// copies its unchanged tracks' stems from here and renders only the changed ones. Entries appear
/// atomically (written to a temporary folder, then renamed).
/// </summary>
public sealed class StemCache(MediaPaths paths)
{
    private string Root => Path.Combine(paths.Root, ".renderfarm", "stems");

    /// <summary>Copies the cached stems of <paramref name="key"/> into <paramref name="directory"/> under the track's names; false when there are none.</summary>
    public bool TryRestore(string key, SessionSpec session, int track, string directory)
    {
        var entry = Path.Combine(Root, key);
        var names = StemFiles.All(session, track);
        if (!Directory.Exists(entry) || !names.Select((_, i) => File.Exists(Path.Combine(entry, Slot(i)))).All(x => x))
        {
            return false;
        }

        Directory.CreateDirectory(directory);
        for (var i = 0; i < names.Count; i++)
        {
            var target = Path.Combine(directory, names[i]);
            var temporary = $"{target}.{Guid.NewGuid():N}.partial";
            File.Copy(Path.Combine(entry, Slot(i)), temporary);
            File.Move(temporary, target, overwrite: true);
        }

        return true;
    }

    /// <summary>Keeps a track's freshly rendered stems under <paramref name="key"/>.</summary>
    public void Store(string key, IReadOnlyList<string> stems)
    {
        ArgumentNullException.ThrowIfNull(stems);
        var entry = Path.Combine(Root, key);
        if (Directory.Exists(entry))
        {
            return;
        }

        var temporary = Path.Combine(Root, $".{key}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.partial");
        Directory.CreateDirectory(temporary);
        for (var i = 0; i < stems.Count; i++)
        {
            File.Copy(stems[i], Path.Combine(temporary, Slot(i)));
        }

        try
        {
            Directory.Move(temporary, entry);
        }
        catch (IOException) when (Directory.Exists(entry))
        {
            // Another worker stored the same stems first: they are the same bytes.
            Directory.Delete(temporary, recursive: true);
        }
    }

    // The output is slot 0, the sends 1, 2, ...
    private static string Slot(int index) => index == 0 ? "output.wav" : $"send{index}.wav";
}
