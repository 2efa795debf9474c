using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// A field that is either left out (a null <c>OptionalNumber?</c>) or present with a number or with null, where a
/// report distinguishes the two (a stereo programme's mono loss is null when its fold-down is silent; a mono
/// programme has no such field).
/// </summary>
[JsonConverter(typeof(OptionalNumberConverter))]
public readonly record struct OptionalNumber(double? Value)
{
    /// <summary>Reads and writes the number itself, or null.</summary>
    public sealed class OptionalNumberConverter : JsonConverter<OptionalNumber>
    {
        public override OptionalNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, OptionalNumber value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (value.Value is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
