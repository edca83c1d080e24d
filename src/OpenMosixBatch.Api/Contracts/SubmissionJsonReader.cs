using System.Text.Json;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// A submission's answer read token by token: the <see cref="SubmitResponse"/>, or the <see cref="ApiError"/> of any
/// refused request, as <see cref="OmbJsonContext"/>'s serializer reads them (property names as written, unknown ones
/// skipped, a missing one left at its default, an <see cref="ApiErrorKind"/> only by a member's name).
/// </summary>
/// <remarks>Beside <see cref="SubmissionJsonWriter"/>, so that qsub's small image carries no serializer at all.</remarks>
public static class SubmissionJsonReader
{
    /// <exception cref="JsonException">The body is not a submission's answer.</exception>
    public static SubmitResponse? ReadResponse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!StartObject(ref reader))
        {
            return null;
        }

        long id = 0;
        string? displayId = null;
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "id":
                    id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : throw Invalid("id", "a whole number");
                    break;
                case "displayId":
                    displayId = String(ref reader, "displayId");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        End(ref reader);
        return new SubmitResponse(id, displayId!);
    }

    /// <exception cref="JsonException">The body is not an <see cref="ApiError"/>.</exception>
    public static ApiError? ReadError(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!StartObject(ref reader))
        {
            return null;
        }

        var kind = default(ApiErrorKind);
        string? message = null;
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "kind":
                    kind = reader.TokenType == JsonTokenType.String && DefinedEnumName.TryParse<ApiErrorKind>(reader.GetString(), out var k)
                        ? k
                        : throw DefinedEnumName.Refused<ApiErrorKind>();
                    break;
                case "message":
                    message = String(ref reader, "message");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        End(ref reader);
        return new ApiError(kind, message!);
    }

    /// <summary>Reads up to the object's start; false for a top-level null.</summary>
    private static bool StartObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the answer is empty");
        }

        return reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => End(ref reader),
            _ => throw new JsonException($"the answer is a JSON {reader.TokenType}, not an object"),
        };
    }

    /// <summary>The next property's name, the reader left on its value; null at the object's end.</summary>
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = reader.GetString();
        reader.Read();
        return name;
    }

    private static string? String(ref Utf8JsonReader reader, string property) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Invalid(property, "a string"),
    };

    /// <summary>Nothing but white space may follow the value.</summary>
    private static bool End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"the answer goes on after its value ({reader.TokenType})");
        }

        return false;
    }

    private static JsonException Invalid(string property, string expected) => new($"'{property}' in the answer must be {expected}");
}
