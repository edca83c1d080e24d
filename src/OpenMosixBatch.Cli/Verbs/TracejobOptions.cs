using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("tracejob", HelpText = "A job's history from the job database: tracejob [-n DAYS] [--json] ID")]
public sealed class TracejobOptions
{
    [Option('n', HelpText = "Only the last DAYS days of it (default: all of it).")]
    public string? Days { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON.")]
    public bool Json { get; set; }

    [Value(0, MetaName = "ID", HelpText = "Job id: 42, 42.host, 42[].")]
    public IEnumerable<string> Ids { get; set; } = [];
}
