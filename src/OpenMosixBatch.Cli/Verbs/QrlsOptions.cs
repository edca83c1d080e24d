using CommandLine;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qrls", HelpText = "Release held jobs: qrls ID...")]
public sealed class QrlsOptions : IJobActionOptions
{
    [Value(0, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[], 42[3].")]
    public IEnumerable<string> Ids { get; set; } = [];

    public JobAction Action => JobAction.Release;
}
