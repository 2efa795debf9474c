using System.Globalization;
using System.Text;
using System.Text.Json;
using RenderFarm.Audio;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>
/// The cache key of a track's stems: a SHA-256 over everything their samples depend on (the renderer's
/// version, the session's rate, pan law and render length, the block size, the track's settings from
/// regions to automation, and its source file's content), and nothing they do not (the track's name, its
/// mute and solo, the other tracks except through the render length). Equal keys mean equal stem bytes.
/// </summary>
public static class StemKey
{
    /// <summary>Changes whenever the rendering of a track changes its samples.</summary>
    public const string RendererVersion = "renderfarm-stem-1";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>The key of track <paramref name="track"/>'s stems, hashing its source file unless its SHA-256 is given.</summary>
    public static string For(SessionSpec session, int track, MixOptions? options = null, string? sourceSha256 = null)
    {
        options ??= new MixOptions();
        var plan = MixPlan.Create(session, options);
        var spec = session.Tracks[track];
        sourceSha256 ??= FileHash.Sha256(plan.Sources[track].Path);
        var material = new StringBuilder()
            .AppendLine(RendererVersion)
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"{session.SampleRate} {plan.Frames} {options.BlockFrames} {session.PanLaw}"))
            .AppendLine(sourceSha256)
            .AppendLine(JsonSerializer.Serialize(spec with { Name = string.Empty, Source = string.Empty, Mute = false, Solo = false, Output = string.Empty, Inserts = [] }, Options));
        foreach (var insert in spec.Inserts)
        {
            material.Append(insert.Type).Append(' ').AppendLine(insert.SettingsJson());
        }

        return FileHash.Sha256(Encoding.UTF8.GetBytes(material.ToString()));
    }
}
