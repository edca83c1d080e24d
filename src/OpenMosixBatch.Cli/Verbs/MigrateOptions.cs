using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>Only for the verb list in help: <see cref="Commands.MigrateCommand"/> reads its own arguments.</summary>
[Verb("migrate", HelpText = "Move a running, checkpointing task to another node now: omb migrate JOBID NODE (like openMosix's migrate PID NODE).")]
public sealed class MigrateOptions
{
    [Value(0, MetaName = "ARGS", HelpText = "JOBID NODE.")]
    public IEnumerable<string> Arguments { get; set; } = [];
}
