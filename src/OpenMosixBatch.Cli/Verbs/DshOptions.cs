using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>For the verb list only: omb dsh reads its arguments itself (the command's words are not its options).</summary>
[Verb("dsh", aliases: new[] { "pbsdsh" }, HelpText = "Inside a job: run a command once per CPU of the job, or once per node with -u: dsh [-u] COMMAND [ARGS]")]
public sealed class DshOptions
{
    [Value(0, MetaName = "COMMAND", HelpText = "The command and its arguments.")]
    public IEnumerable<string> Words { get; set; } = [];
}
