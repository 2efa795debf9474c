using System.Text.Json.Serialization;

namespace RenderFarm.Host.Storage;

[JsonSerializable(typeof(FileReminderTable.Line))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
internal sealed partial class ReminderJson : JsonSerializerContext;
