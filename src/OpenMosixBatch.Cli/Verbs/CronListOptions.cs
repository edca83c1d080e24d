using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>The options of <c>omb cron list</c> and <c>omb cron export</c>.</summary>
[Verb("list", HelpText = "List schedules: omb cron list [--json]")]
public sealed class CronListOptions
{
    [Option("json", HelpText = "Print the server's answer as JSON.")]
    public bool Json { get; set; }
}
