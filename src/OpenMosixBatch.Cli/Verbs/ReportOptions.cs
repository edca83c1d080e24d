using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("report", HelpText = "Usage per user, group and queue over a period (like sreport/sacct): omb report [--start DATE] [--end DATE] [--json|--csv].")]
public sealed class ReportOptions
{
    [Option("start", HelpText = "Start of the period: 2026-11-01, 2026-11-01T08:00 (local time) or an ISO 8601 time with its offset (default: 30 days before --end).")]
    public string? Start { get; set; }

    [Option("end", HelpText = "End of the period, excluded (default: now).")]
    public string? End { get; set; }

    [Option("json", HelpText = "Print JSON.")]
    public bool Json { get; set; }

    [Option("csv", HelpText = "Print CSV, one row per user, group, queue and the total.")]
    public bool Csv { get; set; }
}
