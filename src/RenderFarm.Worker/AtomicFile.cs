namespace RenderFarm.Worker;

/// <summary>
/// Writes a small file whole or not at all: into <c>.NAME.ID.partial</c> beside it, then moved over it,
/// so a reader sees the old file or the new one, never part of one.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, path, overwrite: true);
    }
}
