using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>The arguments of <c>omb cron show|rm|pause|resume|run NAME</c>.</summary>
[Verb("cron", HelpText = "Cron schedules that submit jobs: omb cron add|list|show|rm|pause|resume|run|import|export (see omb cron --help).")]
public sealed class CronNameOptions
{
    [Value(0, MetaName = "NAME", HelpText = "Schedule name.")]
    public string? Name { get; set; }

    /// <summary>The schedule's owner: names are per user (as crontabs are), so an administrator names whose, like <c>crontab -u</c>.</summary>
    [Option('u', "user", HelpText = "The owner of the schedule (administrators; default: your own), e.g. omb cron rm nightly -u alice.")]
    public string? User { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON (show).")]
    public bool Json { get; set; }
}
