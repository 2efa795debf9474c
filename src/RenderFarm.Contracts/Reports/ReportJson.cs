using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// Writes and reads the reports' JSON (source-generated): report.json and album-report.json indented,
/// overview.json compact. Reading is lenient with what it does not know (a report of an older or newer
/// version) and throws <see cref="JsonException"/> on what is not a report at all.
/// </summary>
public static partial class ReportJson
{
    public static string Write(MasterReport report) => JsonSerializer.Serialize(report, Context.Default.MasterReport);

    public static string Write(AlbumReportDocument report) => JsonSerializer.Serialize(report, Context.Default.AlbumReportDocument);

    /// <summary>The master's report as a JSON value, as its file has it (for a response that carries it whole).</summary>
    public static JsonElement ToElement(MasterReport report) => JsonSerializer.SerializeToElement(report, Context.Default.MasterReport);

    /// <summary>The album's report as a JSON value, as its file has it.</summary>
    public static JsonElement ToElement(AlbumReportDocument report) => JsonSerializer.SerializeToElement(report, Context.Default.AlbumReportDocument);

    public static string Write(RestorationReport report) => JsonSerializer.Serialize(report, Context.Default.RestorationReport);

    public static RestorationReport ReadRestoration(string json) => Read(json, Context.Default.RestorationReport);

    public static RestorationReport ReadRestoration(ReadOnlySpan<byte> utf8) => Read(utf8, Context.Default.RestorationReport);

    public static JsonElement ToElement(RestorationReport report) => JsonSerializer.SerializeToElement(report, Context.Default.RestorationReport);

    public static string Write(OverviewDocument overview) => Compact(overview, Context.Default.OverviewDocument);

    public static MasterReport ReadMaster(ReadOnlySpan<byte> utf8) => Read(utf8, Context.Default.MasterReport);

    public static MasterReport ReadMaster(string json) => Read(json, Context.Default.MasterReport);

    public static AlbumReportDocument ReadAlbum(ReadOnlySpan<byte> utf8) => Read(utf8, Context.Default.AlbumReportDocument);

    public static AlbumReportDocument ReadAlbum(string json) => Read(json, Context.Default.AlbumReportDocument);

    public static OverviewDocument ReadOverview(ReadOnlySpan<byte> utf8) => Read(utf8, Context.Default.OverviewDocument);

    private static string Compact<T>(T value, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static T Read<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(utf8, type) ?? throw new JsonException($"the report is null, not a {typeof(T).Name}");

    private static T Read<T>(string json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"the report is null, not a {typeof(T).Name}");

    // Names are the members' in snake case unless a member names its own; nulls are written unless a member says
    // otherwise; a level that does not exist in an album's unrounded figures is written -Infinity.
    [JsonSourceGenerationOptions(
        WriteIndented = true,
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    [JsonSerializable(typeof(MasterReport))]
    [JsonSerializable(typeof(AlbumReportDocument))]
    [JsonSerializable(typeof(OverviewDocument))]
    [JsonSerializable(typeof(RestorationReport))]
    private sealed partial class Context : JsonSerializerContext;
}
