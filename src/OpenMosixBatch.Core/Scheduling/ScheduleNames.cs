using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// Rules for schedule names: 1 to 64 ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, starting with a letter or
/// digit. The set excludes <c>=</c>, <c>#</c>, <c>@</c> and blanks, which is what keeps a crontab line's name apart
/// from its setting lines, comments and schedule.
/// </summary>
public static class ScheduleNames
{
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="name"/> is a valid schedule name; otherwise one line naming the problem and the fix.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "missing schedule name: use letters, digits, '-', '_' and '.', e.g. nightly-backup";
        }

        if (name.Length > MaxLength)
        {
            return $"schedule name '{InputText.Quote(name, 16)}' is {name.Length} characters long: use at most {MaxLength}";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"schedule name '{InputText.Quote(name)}' must start with a letter or digit, e.g. nightly-backup";
        }

        foreach (var c in name)
        {
            if (!IsNameCharacter(c))
            {
                var shown = char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();
                return $"schedule name '{InputText.Quote(name)}' contains '{shown}': use only letters, digits, '-', '_' and '.', e.g. nightly-backup";
            }
        }

        return null;
    }

    public static bool IsValid(string? name) => Validate(name) is null;

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
