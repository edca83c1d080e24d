using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses qsig's <c>-s</c>: a Linux signal by name (TERM, SIGTERM) or number (1-64), or <c>suspend</c>/<c>resume</c>.</summary>
public static class SignalParser
{
    private const string Fix = "use a signal name or number (TERM, SIGUSR1, 2) or suspend or resume, e.g. qsig -s SIGUSR1 42";

    /// <summary>The signals of Linux x86-64 as kill -l names them, without SIG.</summary>
    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
        "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    public static ParseResult<JobSignal> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<JobSignal>.Fail("empty signal: " + Fix);
        }

        var given = text.Trim();
        if (string.Equals(given, JobSignal.Suspend.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<JobSignal>.Success(JobSignal.Suspend);
        }

        if (string.Equals(given, JobSignal.Resume.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<JobSignal>.Success(JobSignal.Resume);
        }

        if (int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 64
                ? ParseResult<JobSignal>.Success(new JobSignal(number, NameOf(number)))
                : ParseResult<JobSignal>.Fail($"invalid signal number '{InputText.Quote(given)}': Linux signals are 1-64; {Fix}");
        }

        var name = given.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        var index = Array.IndexOf(Names, name);
        return index >= 1
            ? ParseResult<JobSignal>.Success(new JobSignal(index, "SIG" + name))
            : ParseResult<JobSignal>.Fail($"unknown signal '{InputText.Quote(given)}': {Fix}");
    }

    /// <summary>SIGTERM for 15; SIGRTMIN+n style numbers as the number.</summary>
    public static string NameOf(int number) =>
        number >= 1 && number < Names.Length ? "SIG" + Names[number] : number.ToString(CultureInfo.InvariantCulture);
}
