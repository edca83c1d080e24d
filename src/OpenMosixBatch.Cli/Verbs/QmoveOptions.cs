using CommandLine;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qmove", HelpText = "Move jobs that have not started to another queue: qmove QUEUE ID...")]
public sealed class QmoveOptions : IJobActionOptions
{
    [Value(0, MetaName = "QUEUE", HelpText = "The destination queue (queue or queue@server).")]
    public string? Destination { get; set; }

    [Value(1, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[].")]
    public IEnumerable<string> Ids { get; set; } = [];

    public JobAction Action => JobAction.Move;
}
