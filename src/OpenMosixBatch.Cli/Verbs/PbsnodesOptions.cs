using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("pbsnodes", HelpText = "List the nodes (state, CPUs and memory used/total, load, tasks); -o NODE takes a node offline (drain), -c NODE brings it back.")]
public sealed class PbsnodesOptions
{
    [Option('a', HelpText = "All nodes (the default).")]
    public bool All { get; set; }

    [Option('l', HelpText = "Only nodes that are down or offline, one line each.")]
    public bool ListUnavailable { get; set; }

    [Option('o', HelpText = "Take the named nodes offline: running tasks finish, no new ones start (administrators).")]
    public bool Offline { get; set; }

    [Option('c', HelpText = "Clear the offline state of the named nodes (administrators).")]
    public bool Clear { get; set; }

    [Option('C', HelpText = "Comment recorded with -o, shown by pbsnodes.")]
    public string? Comment { get; set; }

    [Option("json", HelpText = "Print the server's answer as JSON.")]
    public bool Json { get; set; }

    [Value(0, MetaName = "NODE", HelpText = "Node names (for -o and -c, or to show only those).")]
    public IEnumerable<string> Nodes { get; set; } = [];
}
