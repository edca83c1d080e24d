using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>Only for the verb list in help: 'omb server' hands its arguments untouched to omb-server.</summary>
[Verb("server", HelpText = "Run the queue server (omb-server next to omb); arguments are passed through.")]
public sealed class ServerOptions
{
    [Value(0, MetaName = "ARGS", HelpText = "Arguments for omb-server.")]
    public IEnumerable<string> Arguments { get; set; } = [];
}
