using CommandLine;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qhold", HelpText = "Hold jobs (they stay queued and are not started): qhold ID...")]
public sealed class QholdOptions : IJobActionOptions
{
    [Value(0, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[], 42[3].")]
    public IEnumerable<string> Ids { get; set; } = [];

    public JobAction Action => JobAction.Hold;
}
