using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Formatting;

/// <summary>GPUs, properties, hosts and place= from qsub's -l through to qstat -f, as PBS Pro writes them (issue 21).</summary>
public sealed class QstatFullPlacementTests
{
    private static readonly QsubContext Context = new("/home/alice/work", "login1", "alice", new Dictionary<string, string>());

    private static string Full(IReadOnlyList<JobTask>? tasks, params string[] lists)
    {
        var args = lists.SelectMany(l => new[] { "-l", l }).ToArray();
        var spec = QsubRequestMapper.Map(OptionParser.Parse<QsubOptions>("qsub", args, TextWriter.Null)!, QsubSource.CommandLine(["/bin/true"]), Context);
        var job = new Job
        {
            Id = 9, Spec = spec, Owner = new JobOwner(1000, 1000, "alice"), SubmitTime = DateTimeOffset.UnixEpoch,
            State = JobState.Running, Tasks = tasks ?? [new JobTask(0, JobState.Queued)],
        };
        return QstatFullFormatter.Format(job, TimeZoneInfo.Utc);
    }

    [Fact]
    public void Format_PbsProGpusPropertyAndPlace_RoundTrip()
    {
        var text = Full([new JobTask(0, JobState.Running) { Node = ExecutionHosts.Parse("n1,n2"), GpuDevices = [new("n1", 1), new("n2", 0)] }],
            "select=2:ncpus=4:ngpus=1:bigmem=true:mem=8gb", "place=scatter:excl");

        Assert.Contains("    Resource_List.ngpus = 2\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.select = 2:ncpus=4:ngpus=1:bigmem=True:mem=8gb\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.place = scatter:excl\n", text, StringComparison.Ordinal);
        Assert.Contains("    exec_gpus = n1:1+n2:0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_MixedChunkShapes_ShowTheSelectAsGiven_AndEachChunkByItsKind()
    {
        var text = Full([new JobTask(0, JobState.Running) { Node = ExecutionHosts.Parse("n1,n2,n2") }],
            "select=1:ncpus=4:mpiprocs=4:mem=8gb+2:ncpus=1:ngpus=1:mem=1gb");

        Assert.Contains("    Resource_List.select = 1:ncpus=4:mpiprocs=4:mem=8gb+2:ncpus=1:ngpus=1:mem=1gb\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.nodect = 3\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.ncpus = 6\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.mem = 10gb\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.ngpus = 2\n", text, StringComparison.Ordinal);
        Assert.Contains("    Resource_List.mpiprocs = 6\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ExcludedProperty_IsShownFalse() =>
        Assert.Contains("    Resource_List.select = 1:ncpus=2:ib=True:bigmem=False:mem=1gb\n", Full(null, "select=1:ncpus=2:bigmem=false:ib=true:mem=1gb"), StringComparison.Ordinal);

    [Fact]
    public void Format_TorqueGpusAndProperty_ShownInPbsProTerms() =>
        Assert.Contains("    Resource_List.select = 2:ncpus=8:ngpus=1:ib=True\n", Full(null, "nodes=2:ppn=8:gpus=1:ib"), StringComparison.Ordinal);

    [Fact]
    public void Format_TorqueHostList_IsOneChunkPerHost() =>
        Assert.Contains("    Resource_List.select = 1:host=h1:ncpus=2:mem=1gb+1:host=h2:ncpus=2:mem=1gb\n", Full(null, "nodes=h1:ppn=2+h2:ppn=2,pmem=512mb"), StringComparison.Ordinal);

    [Fact]
    public void Format_NothingPlaced_ShowsNoPlaceOrGpus()
    {
        var text = Full(null, "select=1:ncpus=1");

        Assert.DoesNotContain("place", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gpus", text, StringComparison.Ordinal);
    }
}
