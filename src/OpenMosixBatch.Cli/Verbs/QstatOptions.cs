using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qstat", HelpText = "List jobs: qstat [-u USER] [-x] [-t] [--json] [ID...], qstat -f ID... for full records, -T for estimated starts, -Q for queues, -B for the server.")]
public sealed class QstatOptions
{
    [Option('f', HelpText = "Full record of each job (all jobs when no id is given).")]
    public bool Full { get; set; }

    [Option('u', HelpText = "Only this user's jobs.")]
    public string? User { get; set; }

    [Option('x', HelpText = "Include finished jobs.")]
    public bool IncludeFinished { get; set; }

    [Option('t', HelpText = "Show array elements as rows of their own.")]
    public bool ExpandTasks { get; set; }

    [Option('T', HelpText = "Waiting jobs with their estimated start time and nodes (or why it is unknown).")]
    public bool EstimatedStart { get; set; }

    [Option('Q', HelpText = "Queues: jobs by state and admission thresholds.")]
    public bool Queues { get; set; }

    [Option('B', HelpText = "The server: state, jobs by state, world, nodes, utilisation, uptime.")]
    public bool ServerStatus { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON.")]
    public bool Json { get; set; }

    [Value(0, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[], 42[3].")]
    public IEnumerable<string> Ids { get; set; } = [];
}
