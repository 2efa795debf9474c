using System.Globalization;

namespace RenderFarm.Dashboard.Components;

/// <summary>How the pages write sizes, moments, levels and times, the same everywhere ("—" where there is none).</summary>
public static class Show
{
    /// <summary>"16.5 MB", or "512 kB" under a megabyte.</summary>
    public static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} kB");

    /// <summary>"2026-12-01 09:30:00 UTC".</summary>
    public static string Moment(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>"-14.0 LUFS", "-1.09 dBTP": a level with its unit.</summary>
    public static string Level(double? value, string unit) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0#} {unit}") : "—";

    /// <summary>"+6.2 dB", "-0.5 dB": a gain.</summary>
    public static string SignedDb(double? db) => db is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:+0.0#;-0.0#;0.0} dB") : "—";

    /// <summary>"+0.4 LU": a loudness against another.</summary>
    public static string SignedLu(double? lu) => lu is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:+0.0#;-0.0#;0.0} LU") : "—";

    /// <summary>"+1.5": a signed figure whose unit the column gives.</summary>
    public static string SignedNumber(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:+0.0#;-0.0#;0.0}") : "—";

    /// <summary>"1:15.250" (or "1:02:03.000" past an hour): a time in a programme.</summary>
    public static string Clock(double seconds) => TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.fff" : @"m\:ss\.fff", CultureInfo.InvariantCulture);

    /// <summary>"09:30:00.2": the moment of a task's event, in UTC.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.f", CultureInfo.InvariantCulture);
}
