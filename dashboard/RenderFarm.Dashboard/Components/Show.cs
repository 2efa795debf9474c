using System.Globalization;

namespace RenderFarm.Dashboard.Components;

/// <summary>How the pages write sizes and moments, the same everywhere.</summary>
public static class Show
{
    /// <summary>"16.5 MB", or "512 kB" under a megabyte.</summary>
    public static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} kB");

    /// <summary>"2026-12-01 09:30:00 UTC", or "—" when there is none.</summary>
    public static string Moment(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";
}
