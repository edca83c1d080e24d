using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("link", HelpText = "Create qsub, qstat, qdel, qhold, qrls and pbsnodes symlinks to omb in DIR: omb link DIR.")]
public sealed class LinkOptions
{
    [Value(0, MetaName = "DIR", Required = true, HelpText = "Directory for the links, e.g. ~/bin.")]
    public string? Directory { get; set; }
}
