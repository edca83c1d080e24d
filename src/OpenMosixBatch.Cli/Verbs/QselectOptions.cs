using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qselect", HelpText = "Print the ids of jobs that match, one a line: qselect [-u USERS] [-s STATES] [-N NAME] [-q QUEUE] [-l RES.OP=VALUE] [-x] [--json] [QUEUE]")]
public sealed class QselectOptions
{
    [Option('u', HelpText = "Only these users' jobs, comma-separated: -u ada,bob.")]
    public string? Users { get; set; }

    [Option('s', HelpText = "Only jobs in these states (qstat letters): -s QH.")]
    public string? States { get; set; }

    [Option('N', HelpText = "Only jobs with this name.")]
    public string? Name { get; set; }

    [Option('q', HelpText = "Only jobs in this queue.")]
    public string? Queue { get; set; }

    [Option('l', HelpText = "Resource comparisons, repeatable: walltime.gt=1:00:00,ncpus.ge=2,mem.le=4gb,nodes.eq=1.")]
    public IEnumerable<string> Resources { get; set; } = [];

    [Option('x', HelpText = "Include finished jobs.")]
    public bool IncludeFinished { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON.")]
    public bool Json { get; set; }

    [Value(0, MetaName = "DESTINATION", HelpText = "PBS's destination: queue, queue@server or @server (the same as -q).")]
    public IEnumerable<string> Destination { get; set; } = [];
}
