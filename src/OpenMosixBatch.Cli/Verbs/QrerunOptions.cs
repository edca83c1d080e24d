using CommandLine;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("qrerun", HelpText = "Requeue running jobs (administrators); a checkpointing job resumes from its last checkpoint: qrerun ID...")]
public sealed class QrerunOptions : IJobActionOptions
{
    [Value(0, MetaName = "ID", HelpText = "Job ids: 42, 42.host, 42[].")]
    public IEnumerable<string> Ids { get; set; } = [];

    public JobAction Action => JobAction.Rerun;
}
