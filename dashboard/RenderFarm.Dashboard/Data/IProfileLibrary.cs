namespace RenderFarm.Dashboard.Data;

/// <summary>
/// Mastering profiles: the built-in delivery targets, and profile documents kept in the media root's
/// <c>profiles/</c> folder, which the profiles page creates and edits. Every document is checked by the
/// same loader the workers use before it is saved.
/// </summary>
public interface IProfileLibrary
{
    IReadOnlyList<TargetInfo> Targets();

    IReadOnlyList<ProfileInfo> Profiles();

    /// <summary>The text of a profile document by its path in the media root; null when there is none.</summary>
    string? Read(string path);

    /// <summary>A starting document for a new profile on <paramref name="target"/>.</summary>
    string Template(string target);

    /// <summary>Checks a document without saving it.</summary>
    ProfileCheck Check(string json);

    /// <summary>Checks a document and, when it is valid, saves it as <c>profiles/NAME.json</c> (whole or not at all).</summary>
    ProfileCheck Save(string name, string json);
}
