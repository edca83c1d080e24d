using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("add", HelpText = "Bring a node into the running cluster (administrators): its health check runs there, then the world is relaunched with it; running tasks keep running.")]
public sealed class NodeAddOptions
{
    [Option("host", HelpText = "The host its rank runs on (when the cluster's nodes name hosts).")]
    public string? Host { get; set; }

    [Option("cpus", HelpText = "Its CPUs (default: the cluster's first node's).")]
    public int? Cpus { get; set; }

    [Option("mem", HelpText = "Its memory, e.g. 4gb (default: the cluster's first node's).")]
    public string? Memory { get; set; }

    [Value(0, MetaName = "NODE", HelpText = "The node's name, e.g. node4.")]
    public IEnumerable<string> Nodes { get; set; } = [];
}
