using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class TaskLimitPolicyNodeMemoryTests
{
    private static readonly ResourceRequest TwoChunksOf100Mib = new(Chunks: 2, MemoryBytesPerChunk: 100L << 20);

    [Fact]
    public void DecideNodeMemory_SumAtTheLimit_KeepsRunning() =>
        Assert.False(TaskLimitPolicy.DecideNodeMemory(TwoChunksOf100Mib, 1, 100L << 20).Kill);

    [Fact]
    public void DecideNodeMemory_SumOverOneChunksLimit_KillsNamingTheNodesSumAndTheLimit()
    {
        var v = TaskLimitPolicy.DecideNodeMemory(TwoChunksOf100Mib, 1, (100L << 20) + 1);

        Assert.True(v.Kill);
        Assert.Equal("memory 101 MiB of the job's processes on this node exceeded limit 100 MiB: ask for more with -l mem=SIZE", v.Reason);
    }

    [Fact]
    public void DecideNodeMemory_TwoChunksOnTheNode_AllowTwiceTheChunksMemory()
    {
        Assert.False(TaskLimitPolicy.DecideNodeMemory(TwoChunksOf100Mib, 2, 200L << 20).Kill);
        Assert.True(TaskLimitPolicy.DecideNodeMemory(TwoChunksOf100Mib, 2, (200L << 20) + 1).Kill);
    }

    [Fact]
    public void DecideNodeMemory_NoChunkRecordedHere_CountsOne() =>
        Assert.True(TaskLimitPolicy.DecideNodeMemory(TwoChunksOf100Mib, 0, (100L << 20) + 1).Kill);

    [Fact]
    public void DecideNodeMemory_NoMemoryAsked_NeverKills() =>
        Assert.False(TaskLimitPolicy.DecideNodeMemory(new ResourceRequest(Chunks: 2), 1, long.MaxValue).Kill);

    [Fact]
    public void DecideNodeMemory_HugePerChunkTimesChunks_DoesNotOverflow() =>
        Assert.False(TaskLimitPolicy.DecideNodeMemory(new ResourceRequest(MemoryBytesPerChunk: long.MaxValue / 2), 3, long.MaxValue).Kill);

    [Theory]
    [InlineData("node1,node2", "node2", 1)]
    [InlineData("node2,node2,node3", "node2", 2)]
    [InlineData("node1,node12", "node1", 1)]
    [InlineData("node1", "node3", 0)]
    [InlineData(null, "node1", 0)]
    public void ChunksOn_CountsTheNodesExactEntries(string? nodes, string node, int expected) =>
        Assert.Equal(expected, TaskLimitPolicy.ChunksOn(nodes is null ? null : ExecutionHosts.Parse(nodes), node));
}
