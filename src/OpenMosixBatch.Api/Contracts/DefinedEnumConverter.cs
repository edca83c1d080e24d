using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// Reads an enum only by the name of one of its members and writes it by name. System.Text.Json's string converter also
/// takes numbers, defined or not (<c>"action": 7</c> became a <see cref="JobAction"/> no switch expects), and lists of
/// names (<c>"Hold, Release"</c>); an API field takes one of the names the contract lists, nothing else.
/// </summary>
public sealed class DefinedEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && DefinedEnumName.TryParse<TEnum>(reader.GetString(), out var value)
            ? value
            : throw DefinedEnumName.Refused<TEnum>();

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
