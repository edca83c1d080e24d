using System.Text.Json;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// An API enum read by the name of one of its members only (case aside): no number, defined or not, and no list of
/// names. <see cref="DefinedEnumConverter{TEnum}"/> and <see cref="SubmissionJsonReader"/> read enums this way.
/// </summary>
public static class DefinedEnumName
{
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return name is { Length: > 0 } && char.IsLetter(name[0]) && !name.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>The error for anything else, naming the members.</summary>
    public static JsonException Refused<TEnum>()
        where TEnum : struct, Enum =>
        new($"{typeof(TEnum).Name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
}
