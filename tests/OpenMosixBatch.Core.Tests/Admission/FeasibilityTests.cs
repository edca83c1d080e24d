using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

public sealed class FeasibilityTests
{
    private static readonly NodeSnapshot[] Nodes = [Node("node1", cpus: 2, memGb: 4), Node("node3", cpus: 8, memGb: 16, state: NodeState.Offline)];

    [Fact]
    public void WhyNeverFits_FitsOnSomeNodeEvenOffline_IsNull() =>
        Assert.Null(Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 8, MemoryBytesPerChunk: 16L << 30), Nodes));

    [Fact]
    public void WhyNeverFits_TooMuchMemory_NamesTheLargestNodeAndTheFix() =>
        Assert.Equal(
            "no node can ever hold a chunk of 4 CPUs and 64 GiB: the largest node is node3 with 8 CPUs and 16 GiB; ask for at most that (e.g. -l select=1:ncpus=8:mem=16gb)",
            Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 4, MemoryBytesPerChunk: 64L << 30), Nodes));

    [Fact]
    public void WhyNeverFits_TooManyCpus_IsRefused() =>
        Assert.NotNull(Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 9), Nodes));

    [Fact]
    public void WhyNeverFits_NoNodes_SaysSo() =>
        Assert.Contains("no nodes", Feasibility.WhyNeverFits(ResourceRequest.Default, []), StringComparison.Ordinal);
}
