using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>The arguments of <c>omb cron show|rm|pause|resume|run NAME</c>.</summary>
[Verb("cron", HelpText = "omb cron show|rm|pause|resume|run NAME")]
public sealed class CronNameOptions
{
    [Value(0, MetaName = "NAME", HelpText = "Schedule name.")]
    public string? Name { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON (show).")]
    public bool Json { get; set; }
}
