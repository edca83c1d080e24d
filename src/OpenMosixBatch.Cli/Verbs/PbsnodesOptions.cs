using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("pbsnodes", HelpText = "List the nodes: state, CPUs and memory used/total, tasks.")]
public sealed class PbsnodesOptions
{
    [Option('a', HelpText = "All nodes (the default).")]
    public bool All { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON.")]
    public bool Json { get; set; }
}
