using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>For the verb list only: omb rsh reads its arguments as ssh's (<see cref="Remote.RemoteShellArguments"/>).</summary>
[Verb("rsh", aliases: new[] { "pbs_tmrsh" }, HelpText = "Inside a job: run a command as a part of the job on one of its nodes, as ssh would: rsh NODE COMMAND [ARGS]")]
public sealed class RshOptions
{
    [Value(0, MetaName = "NODE COMMAND", HelpText = "A node of the job ($PBS_NODEFILE) and the command.")]
    public IEnumerable<string> Words { get; set; } = [];
}
