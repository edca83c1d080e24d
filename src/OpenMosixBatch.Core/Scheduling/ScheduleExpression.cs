using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// The shape of a schedule expression: which form it is written in and its fields. The form follows from the
/// number of blank-separated fields alone, so no prefix is needed: one field starting with <c>@</c> is a macro,
/// five are a crontab line, six or seven a Quartz expression (seconds first, optional year). The values inside the
/// fields are checked by the server's cron parser, which also resolves <c>H</c> fields.
/// </summary>
public sealed record ScheduleExpression(string Text, ScheduleExpressionKind Kind, IReadOnlyList<string> Fields)
{
    public const string AtStartupMacro = "@reboot";

    /// <summary>Macros that name a time, in the order they are listed to users; <c>@reboot</c> is separate.</summary>
    public static IReadOnlyList<string> TimeMacros { get; } =
        ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private const string Forms =
        "use an @macro (@hourly, @daily, @weekly, @monthly, @yearly, @reboot), 5 crontab fields " +
        "(minute hour day-of-month month day-of-week, e.g. '0 2 * * *') or 6-7 Quartz fields with seconds first (e.g. '0 0 2 * * ?')";

    /// <summary>Splits <paramref name="text"/> on blanks and tells its form; fails with one line naming the fix.</summary>
    public static ParseResult<ScheduleExpression> Parse(string? text)
    {
        var fields = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return Fail($"missing schedule: {Forms}");
        }

        var normalized = string.Join(' ', fields);
        if (fields[0].StartsWith('@'))
        {
            if (fields.Length > 1)
            {
                return Fail($"schedule '{InputText.Quote(normalized)}' has text after the macro {InputText.Quote(fields[0])}: a macro stands alone, e.g. '@daily'");
            }

            var macro = fields[0].ToLowerInvariant();
            if (macro == AtStartupMacro)
            {
                return Success(new ScheduleExpression(macro, ScheduleExpressionKind.AtStartup, [macro]));
            }

            if (TimeMacros.Contains(macro))
            {
                return Success(new ScheduleExpression(macro, ScheduleExpressionKind.Macro, [macro]));
            }

            return Fail($"unknown schedule macro '{InputText.Quote(fields[0])}': use one of {string.Join(", ", TimeMacros)} or {AtStartupMacro}");
        }

        return fields.Length switch
        {
            5 => Success(new ScheduleExpression(normalized, ScheduleExpressionKind.Crontab, fields)),
            6 or 7 => Success(new ScheduleExpression(normalized, ScheduleExpressionKind.Quartz, fields)),
            _ => Fail($"schedule '{InputText.Quote(normalized)}' has {fields.Length} field{(fields.Length == 1 ? "" : "s")}: {Forms}"),
        };
    }

    private static ParseResult<ScheduleExpression> Success(ScheduleExpression value) => ParseResult<ScheduleExpression>.Success(value);

    private static ParseResult<ScheduleExpression> Fail(string error) => ParseResult<ScheduleExpression>.Fail(error);
}
