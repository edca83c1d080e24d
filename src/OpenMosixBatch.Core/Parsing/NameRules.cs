namespace OpenMosixBatch.Core.Parsing;

/// <summary>What PBS accepts as a job name and a queue name.</summary>
public static class NameRules
{
    public const int MaxJobName = 236;
    public const int MaxQueueName = 15;

    /// <summary>Null when valid, else one line with the fix.</summary>
    public static string? ValidateJobName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "empty job name: give one with -N NAME";
        }

        if (name.Length > MaxJobName)
        {
            return $"job name is {name.Length} characters long: use at most {MaxJobName} with -N";
        }

        if (!(char.IsLetterOrDigit(name[0]) || name[0] == '_'))
        {
            return $"invalid job name '{InputText.Quote(name)}': it must start with a letter, a digit or _";
        }

        var bad = name.FirstOrDefault(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or ':' or '@');
        return bad == default ? null : $"invalid job name '{InputText.Quote(name)}': it may not contain whitespace, '/', ':', '@' or control characters";
    }

    /// <summary>Null when valid, else one line with the fix.</summary>
    public static string? ValidateQueueName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxQueueName && char.IsAsciiLetter(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? null
            : $"invalid queue name '{InputText.Quote(name)}': use letters, digits, _ and - (at most {MaxQueueName}, starting with a letter)";

    /// <summary>A PBS resource name: a letter, then letters, digits, '_' or '-' (at most 64).</summary>
    public static bool IsResourceName(string name) =>
        name.Length is > 0 and <= 64 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
