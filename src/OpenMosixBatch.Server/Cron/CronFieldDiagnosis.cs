using System.Globalization;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;
using Quartz;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Turns Quartz's refusal of a whole expression into one line naming the wrong field and the fix. Quartz's messages
/// say what is wrong ("Hour values must be between 0 and 23") but not where; each field is therefore tried alone, with
/// every other field made <c>*</c>, and the first one Quartz still refuses is the one named.
/// </summary>
internal static class CronFieldDiagnosis
{
    public static string Describe(ScheduleExpression expression, CronFormat format, string hashKey, string quartzMessage)
    {
        var fields = expression.Fields;
        var specs = CronField.For(expression.Kind, fields.Count);
        var example = expression.Kind == ScheduleExpressionKind.Quartz
            ? "e.g. '0 30 2 * * ?' is 02:30:00 every day"
            : "e.g. '30 2 * * *' is 02:30 every day";
        for (var i = 0; i < fields.Count; i++)
        {
            var probe = string.Join(' ', fields.Select((f, j) => j == i ? f : "*"));
            if (CronExpressionRefuses(probe, format, hashKey, out var fieldMessage))
            {
                var spec = specs[i];
                var what = $"field {spec.Position} ({spec.Name}) '{InputText.Quote(fields[i])}'";
                return OutOfRange(fields[i], spec)
                    ? $"invalid schedule '{InputText.Quote(expression.Text)}': {what} is out of range {spec.Range}: use values {spec.Range}, {example}"
                    : $"invalid schedule '{InputText.Quote(expression.Text)}': {what} is not valid{Detail(fieldMessage)}: use values {spec.Range}, '*', lists (1,15), ranges (1-5), steps (*/10) or H / H(a-b), {example}";
            }
        }

        return $"invalid schedule '{InputText.Quote(expression.Text)}': {Trim(quartzMessage)}: check the fields against each other, {example}";
    }

    /// <summary>
    /// The first field holding a number outside its range, or null. Checked before Quartz sees the text, because
    /// Quartz 4.7.3 lets some through: the crontab line <c>0 99 * * *</c> parses, as <c>0 0 99 * * ?</c>, and fires hourly.
    /// </summary>
    public static string? DescribeOutOfRange(ScheduleExpression expression)
    {
        var specs = CronField.For(expression.Kind, expression.Fields.Count);
        var example = expression.Kind == ScheduleExpressionKind.Quartz
            ? "e.g. '0 30 2 * * ?' is 02:30:00 every day"
            : "e.g. '30 2 * * *' is 02:30 every day";
        for (var i = 0; i < specs.Count && i < expression.Fields.Count; i++)
        {
            if (OutOfRange(expression.Fields[i], specs[i]))
            {
                var spec = specs[i];
                return $"invalid schedule '{InputText.Quote(expression.Text)}': field {spec.Position} ({spec.Name}) '{InputText.Quote(expression.Fields[i])}' is out of range {spec.Range}: use values {spec.Range}, {example}";
            }
        }

        return null;
    }

    private static bool CronExpressionRefuses(string probe, CronFormat format, string hashKey, out string message)
    {
        try
        {
            CronExpression.ParseWithHash(probe, format, hashKey);
            message = string.Empty;
            return false;
        }
        catch (FormatException e)
        {
            message = e.Message;
            return true;
        }
    }

    /// <summary>True when the field is plain numbers, ranges and lists, and one number lies outside the field's range.</summary>
    private static bool OutOfRange(string field, CronField spec)
    {
        if (spec.Min is not { } min || spec.Max is not { } max)
        {
            return false;
        }

        foreach (var item in field.Split(','))
        {
            var values = item.Split('/')[0];
            foreach (var number in values.Split('-'))
            {
                if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Quartz's own words in parentheses when they add something ("Increment > 59 : 75"); its generic
    /// "Illegal cron expression format" for an unreadable token adds nothing to the field and value already named.
    /// </summary>
    private static string Detail(string message) =>
        message.StartsWith("Illegal cron expression format", StringComparison.Ordinal) ? "" : $" ({Trim(message)})";

    private static string Trim(string message) => InputText.Quote(message.ReplaceLineEndings(" ").Trim().TrimEnd('.'), 200);
}
