using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("remove", HelpText = "Take a node out of the cluster (administrators): no new work goes there, its migratable tasks move away, the others finish, then the world is relaunched without it.")]
public sealed class NodeRemoveOptions
{
    [Option("now", HelpText = "Requeue its tasks at once (those that are not rerunnable fail) instead of letting them finish.")]
    public bool Now { get; set; }

    [Value(0, MetaName = "NODE", HelpText = "The node's name.")]
    public IEnumerable<string> Nodes { get; set; } = [];
}
