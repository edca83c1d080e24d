using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Parses <c>qsub -c</c> / <c>#PBS -c</c>: comma-separated items, one mode (<c>n</c> or <c>none</c>, <c>enabled</c>,
/// <c>periodic=MINUTES</c>) and optionally <c>signal=USR1|SIGUSR1|10</c> and <c>exit=85</c>; a signal or exit item
/// alone implies <c>enabled</c>. <see cref="Format"/> writes the canonical text back (defaults left out).
/// </summary>
public static class CheckpointPolicyParser
{
    /// <summary>Longest periodic interval: a year of minutes; more is a unit mistake.</summary>
    public const int MaxIntervalMinutes = 525_600;

    private const string Usage = "use -c n, -c enabled or -c periodic=MINUTES, optionally with signal=USR1 and exit=85, e.g. -c periodic=5,signal=USR2,exit=86";
    private const int MaxQuoted = 40;

    /// <summary>Signal names a task can trap, as kill -l spells them on Linux.</summary>
    private static readonly (string Name, int Number)[] Signals =
    [
        ("HUP", 1), ("INT", 2), ("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14), ("TERM", 15), ("WINCH", 28),
    ];

    public static ParseResult<CheckpointPolicy> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail($"empty -c: {Usage}");
        }

        CheckpointMode? mode = null;
        TimeSpan? interval = null;
        int? signal = null;
        int? exit = null;
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? item : item[..eq]).Trim().ToLowerInvariant();
            var value = eq < 0 ? null : item[(eq + 1)..].Trim();
            switch (key)
            {
                case "n" or "none" or "enabled" when value is null:
                    if (mode is not null)
                    {
                        return Fail($"-c '{Quote(text)}' names two modes: give one of n, enabled or periodic=MINUTES, e.g. -c periodic=5");
                    }

                    mode = key == "enabled" ? CheckpointMode.Enabled : CheckpointMode.None;
                    break;
                case "periodic":
                    if (mode is not null)
                    {
                        return Fail($"-c '{Quote(text)}' names two modes: give one of n, enabled or periodic=MINUTES, e.g. -c periodic=5");
                    }

                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes < 1 || minutes > MaxIntervalMinutes)
                    {
                        return Fail($"invalid -c '{Quote(item)}': the interval is whole minutes from 1 to {MaxIntervalMinutes}, e.g. periodic=5");
                    }

                    mode = CheckpointMode.Periodic;
                    interval = TimeSpan.FromMinutes(minutes);
                    break;
                case "signal" when value is not null:
                    if (signal is not null)
                    {
                        return Fail($"-c '{Quote(text)}' gives signal twice: give it once, e.g. signal=USR1");
                    }

                    if (Signal(value) is not { } number)
                    {
                        return Fail($"invalid -c '{Quote(item)}': use a signal the task can trap, by name (USR1, SIGUSR2, TERM) or number 1-64 except 9 (KILL) and 19 (STOP), e.g. signal=USR1");
                    }

                    signal = number;
                    break;
                case "exit" when value is not null:
                    if (exit is not null)
                    {
                        return Fail($"-c '{Quote(text)}' gives exit twice: give it once, e.g. exit=85");
                    }

                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 1 || code > 255)
                    {
                        return Fail($"invalid -c '{Quote(item)}': the checkpoint exit code is a number from 1 to 255 (0 means success), e.g. exit=85");
                    }

                    exit = code;
                    break;
                default:
                    return Fail(item.Length == 0 ? $"empty item in -c '{Quote(text)}': remove the extra comma; {Usage}" : $"unknown -c item '{Quote(item)}': {Usage}");
            }
        }

        if (mode == CheckpointMode.None && (signal is not null || exit is not null))
        {
            return Fail($"-c '{Quote(text)}' turns checkpoints off but gives a signal or exit code: drop n, e.g. -c enabled,signal=USR2");
        }

        var policy = new CheckpointPolicy(mode ?? CheckpointMode.Enabled, interval, signal ?? CheckpointPolicy.DefaultSignal, exit ?? CheckpointPolicy.DefaultExitCode);
        return ParseResult<CheckpointPolicy>.Success(policy.Mode == CheckpointMode.None ? CheckpointPolicy.None : policy);
    }

    /// <summary>The canonical <c>-c</c> text: <c>n</c>, <c>enabled</c> or <c>periodic=5</c>, then non-default signal and exit.</summary>
    public static string Format(CheckpointPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.Enabled)
        {
            return "n";
        }

        var text = policy.Mode == CheckpointMode.Periodic && policy.Interval is { } every
            ? string.Create(CultureInfo.InvariantCulture, $"periodic={(long)Math.Round(every.TotalMinutes)}")
            : "enabled";
        if (policy.Signal != CheckpointPolicy.DefaultSignal)
        {
            text += ",signal=" + SignalName(policy.Signal);
        }

        if (policy.ExitCode != CheckpointPolicy.DefaultExitCode)
        {
            text += string.Create(CultureInfo.InvariantCulture, $",exit={policy.ExitCode}");
        }

        return text;
    }

    /// <summary>The signal's name without SIG (USR1), or its number when it has no common name.</summary>
    public static string SignalName(int number) =>
        Signals.FirstOrDefault(s => s.Number == number).Name ?? number.ToString(CultureInfo.InvariantCulture);

    private static int? Signal(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n is >= 1 and <= 64 and not 9 and not 19 ? n : null;
        }

        var name = value.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        return Signals.FirstOrDefault(s => s.Name == name) is { Name: not null } found ? found.Number : null;
    }

    private static string Quote(string text) => InputText.Quote(text, MaxQuoted);

    private static ParseResult<CheckpointPolicy> Fail(string error) => ParseResult<CheckpointPolicy>.Fail(error);
}
