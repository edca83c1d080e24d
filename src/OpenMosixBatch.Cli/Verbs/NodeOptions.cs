using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>Only for the verb list in help: 'omb node' hands its arguments untouched to omb-node (one MPI rank).</summary>
[Verb("node", HelpText = "Run one rank of an MPI world (under mpiexec.hydra): omb node --server SOCKET [--node-cpus N --node-mem SIZE]; omb node expel NODE… moves a node's migratable tasks away and takes it offline; omb node add NODE [--host H] [--cpus C] [--mem SIZE], omb node remove NODE [--now] and omb node reload change the cluster's nodes.")]
public sealed class NodeOptions
{
    [Value(0, MetaName = "ARGS", HelpText = "Arguments for omb-node.")]
    public IEnumerable<string> Arguments { get; set; } = [];
}
