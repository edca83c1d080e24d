using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>Writes <see cref="ExecutionHosts"/> as its joined form (<c>"node1,node2"</c>) and reads it back.</summary>
public sealed class ExecutionHostsJsonConverter : JsonConverter<ExecutionHosts>
{
    public override ExecutionHosts? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"execution hosts are a string of node names separated by '{ExecutionHosts.Separator}', not {reader.TokenType}");
        }

        try
        {
            return ExecutionHosts.Parse(reader.GetString()!);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ExecutionHosts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
