namespace RenderFarm.Mastering.Deliverables;

/// <summary>The start of the deliverables' file names.</summary>
public static class FileStems
{
    /// <summary>The start of the deliverables' file names for an input, when no other is given: its name with unsafe characters replaced.</summary>
    public static string Safe(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var safe = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "master" : safe;
    }
}
