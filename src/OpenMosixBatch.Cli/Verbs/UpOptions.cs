using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>Only for the verb list in help: 'omb up' is 'omb server --world' with the arguments passed through.</summary>
[Verb("up", HelpText = "Run the queue server and launch a local MPI world it supervises: omb up [--nodes N] [--node-cpus C] [--node-mem SIZE] [--cpu-threshold PCT] [--mem-threshold PCT]; Ctrl-C stops both.")]
public sealed class UpOptions
{
    [Value(0, MetaName = "ARGS", HelpText = "Arguments for omb-server.")]
    public IEnumerable<string> Arguments { get; set; } = [];
}
