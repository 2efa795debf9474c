using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Worker;

/// <summary>A title's profile: a delivery target's name (<c>spotify</c>) or the path of a profile document in the media root.</summary>
public static class ProfileSource
{
    public static bool IsTarget(string profile) =>
        DeliveryTargets.All.Any(t => string.Equals(t.Name, profile, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads the profile; <paramref name="resolve"/> turns a document's path into a full one (and refuses paths outside the root).</summary>
    public static MasteringProfile Load(string profile, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return IsTarget(profile)
            ? MasteringProfile.ForTarget(DeliveryTargets.Find(profile, "profile"))
            : ProfileLoader.Load(resolve(profile));
    }
}
