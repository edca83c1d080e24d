using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>Only for the verb list in help: <see cref="Commands.TuneCommand"/> reads its own arguments.</summary>
[Verb("tune", HelpText = "The openMosix tunables: omb tune get | set \"81 150 … 351\" (14 overheads) | mfs get | mfs set \"36 40 14 19 88 56\" (administrators set).")]
public sealed class TuneOptions
{
    [Value(0, MetaName = "ARGS", HelpText = "get, set VALUES, mfs get, mfs set VALUES.")]
    public IEnumerable<string> Arguments { get; set; } = [];
}
