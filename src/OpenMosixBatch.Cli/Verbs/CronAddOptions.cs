using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>The options of <c>omb cron add</c> before <c>--</c>; everything after it is qsub's.</summary>
[Verb("add", HelpText = "Register a schedule: omb cron add NAME --schedule \"0 2 * * *\" [--timezone Area/City] [--overlap skip|queue|allow] [--misfire once|skip] -- [qsub options] script [args]")]
public sealed class CronAddOptions
{
    [Value(0, MetaName = "NAME", HelpText = "Schedule name: letters, digits, '-', '_' and '.'.")]
    public string? Name { get; set; }

    [Option("schedule", HelpText = "5 crontab fields, an @macro (@daily, @reboot, ...), or 6-7 Quartz fields with seconds first; H fields allowed.")]
    public string? Schedule { get; set; }

    [Option("timezone", HelpText = "IANA zone the schedule is read in (default: the server's).")]
    public string? TimeZone { get; set; }

    [Option("overlap", HelpText = "When the previous run is still queued or running: skip (default), queue or allow.")]
    public string? Overlap { get; set; }

    [Option("misfire", HelpText = "Fire times missed while the server was down: once (default) or skip.")]
    public string? Misfire { get; set; }

    [Option("paused", HelpText = "Register the schedule paused (resume it with 'omb cron resume NAME').")]
    public bool Paused { get; set; }
}
