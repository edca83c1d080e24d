using System.Text;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// Reads and writes the crontab-style file of <c>omb cron import</c> / <c>export</c>, one schedule a line:
/// <code>
/// # comment (a line whose first non-blank character is #)
/// TIMEZONE=Europe/Berlin        settings apply to the lines below them, like cronie's CRON_TZ
/// OVERLAP=queue                 skip | queue | allow
/// MISFIRE=skip                  once | skip
/// nightly  0 2 * * *      -- -l mem=2gb jobs/nightly.sh --full
/// spread   H H(0-3) * * * -- jobs/report.sh
/// ticker   */5 * * * * ?  -- jobs/tick.sh
/// boot     @reboot        -- jobs/warmup.sh
/// #PAUSED: weekly @weekly -- jobs/weekly.sh
/// </code>
/// A schedule line is <c>NAME SCHEDULE -- [qsub options] script [args]</c>. The first unquoted <c>--</c> ends the
/// schedule, so the schedule's form is told by its field count (<see cref="ScheduleExpression"/>): one @macro,
/// five crontab fields, or six/seven Quartz fields. Everything after it is split like a shell would split it
/// (quotes, no expansion) and kept as written, including a later <c>--</c> for qsub's command mode.
/// A setting line is <c>KEY=VALUE</c> (blanks around = allowed, keys case-insensitive, <c>CRON_TZ</c> is an alias
/// of <c>TIMEZONE</c>); an empty value restores the default (server's local zone, skip, once).
/// <c>#PAUSED:</c> before a schedule line marks it paused, as Slurm's scrontab does with <c>#DISABLED:</c>.
/// </summary>
public static class CrontabFile
{
    public const string PausedPrefix = "#PAUSED:";
    public const string Separator = "--";

    private const string LineForm = "write NAME SCHEDULE -- [qsub options] script [args], e.g. nightly 0 2 * * * -- jobs/nightly.sh";

    /// <summary>Parses a whole file; every bad line gives exactly one error, and good lines are still returned.</summary>
    public static CrontabDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<CrontabEntry>();
        var errors = new List<CrontabError>();
        var firstLineOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        var settings = CrontabSettings.Default;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r').Trim(' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            var paused = false;
            if (line.StartsWith(PausedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                paused = true;
                line = line[PausedPrefix.Length..].Trim(' ', '\t');
            }
            else if (line[0] == '#')
            {
                continue;
            }

            if (!paused && CrontabSettings.IsSettingLine(line))
            {
                var applied = settings.Apply(line);
                if (applied.Ok)
                {
                    settings = applied.Value!;
                }
                else
                {
                    errors.Add(new CrontabError(lineNumber, applied.Error!));
                }

                continue;
            }

            var parsed = ParseEntry(line, lineNumber, settings, paused);
            if (parsed.Error is { } error)
            {
                errors.Add(new CrontabError(lineNumber, error));
                continue;
            }

            var entry = parsed.Entry!;
            if (firstLineOfName.TryGetValue(entry.Name, out var first))
            {
                errors.Add(new CrontabError(
                    lineNumber,
                    $"schedule name '{InputText.Quote(entry.Name)}' is already used on line {first}: give each schedule its own name"));
                continue;
            }

            firstLineOfName[entry.Name] = lineNumber;
            entries.Add(entry);
        }

        return new CrontabDocument(entries, errors);
    }

    /// <summary>
    /// Writes <paramref name="entries"/> in order, with a setting line wherever the zone or a policy changes, so that
    /// <see cref="Parse"/> gives the same entries back. Throws when an entry cannot be written (see <see cref="CheckEntry"/>).
    /// </summary>
    public static string Format(IEnumerable<CrontabEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        var settings = CrontabSettings.Default;
        foreach (var entry in entries)
        {
            if (CheckEntry(entry) is { } error)
            {
                throw new ArgumentException($"cannot write schedule '{entry.Name}': {error}", nameof(entries));
            }

            settings = settings.WriteChanges(entry, text);
            text.Append(FormatLine(entry)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One schedule line (with <c>#PAUSED:</c> when paused), without the setting lines.</summary>
    public static string FormatLine(CrontabEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var arguments = string.Join(' ', entry.SubmitArguments.Select(ShellWords.Quote));
        return $"{(entry.Paused ? PausedPrefix + " " : "")}{entry.Name} {entry.Expression} {Separator} {arguments}";
    }

    /// <summary>
    /// Null when the entry can be written and read back unchanged; otherwise one line saying why. The server runs this
    /// on <c>omb cron add</c> too, so every stored schedule can be exported.
    /// </summary>
    public static string? CheckEntry(CrontabEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (ScheduleNames.Validate(entry.Name) is { } nameError)
        {
            return nameError;
        }

        var expression = ScheduleExpression.Parse(entry.Expression);
        if (!expression.Ok)
        {
            return expression.Error;
        }

        if (expression.Value!.Text != entry.Expression)
        {
            return $"schedule '{entry.Expression}' is not written in its normal form '{expression.Value.Text}'";
        }

        if (CrontabSettings.CheckTimeZoneSyntax(entry.TimeZoneId) is { } zoneError)
        {
            return zoneError;
        }

        if (entry.SubmitArguments.Count == 0)
        {
            return "missing script: give the script (and any qsub options before it) to run at each fire time";
        }

        if (entry.SubmitArguments.Any(a => a.Contains('\n', StringComparison.Ordinal) || a.Contains('\r', StringComparison.Ordinal)))
        {
            return "an argument contains a line break, which a one-line-per-schedule file cannot hold: pass it through a file or an environment variable instead";
        }

        return null;
    }

    private static (CrontabEntry? Entry, string? Error) ParseEntry(string line, int lineNumber, CrontabSettings settings, bool paused)
    {
        var split = ShellWords.Split(line);
        if (!split.Ok)
        {
            return (null, split.Error);
        }

        var words = split.Value!;
        if (words.Count == 0)
        {
            return (null, $"nothing after '{PausedPrefix}': {LineForm}");
        }

        var name = words[0].Text;
        if (ScheduleNames.Validate(name) is { } nameError)
        {
            return (null, $"{nameError} ({LineForm})");
        }

        var separator = -1;
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] is { Text: Separator, Quoted: false })
            {
                separator = i;
                break;
            }
        }

        if (separator < 0)
        {
            return (null, $"missing '{Separator}' after the schedule of '{InputText.Quote(name)}': {LineForm}");
        }

        if (separator == 1)
        {
            return (null, $"missing schedule between the name '{InputText.Quote(name)}' and '{Separator}': {LineForm}");
        }

        var expression = ScheduleExpression.Parse(string.Join(' ', words.Skip(1).Take(separator - 1).Select(w => w.Text)));
        if (!expression.Ok)
        {
            return (null, expression.Error);
        }

        var arguments = words.Skip(separator + 1).Select(w => w.Text).ToList();
        if (arguments.Count == 0)
        {
            return (null, $"missing script after '{Separator}' for '{InputText.Quote(name)}': {LineForm}");
        }

        return (new CrontabEntry(
            lineNumber,
            name,
            expression.Value!.Text,
            settings.TimeZoneId,
            settings.Overlap,
            settings.Misfire,
            paused,
            arguments), null);
    }
}
