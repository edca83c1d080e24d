using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class ResourceListParserTests
{
    private static ResourceRequest Apply(params string[] lists)
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, lists);
        Assert.True(r.Ok, r.Error);
        return r.Value!;
    }

    [Fact]
    public void Apply_TorqueStyle_SetsChunksCpusTotalMemoryAndWalltime()
    {
        var r = Apply("nodes=2:ppn=4,mem=2gb,walltime=01:30:00");

        Assert.Equal(new ResourceRequest(2, 4, 1L << 30, TimeSpan.FromMinutes(90)), r);
    }

    [Fact]
    public void Apply_SelectStyle_MemoryIsPerChunk()
    {
        var r = Apply("select=2:ncpus=2:mem=2gb");

        Assert.Equal(new ResourceRequest(2, 2, 2L << 30), r);
    }

    [Fact]
    public void Apply_TorqueMemory_IsDividedRoundingUp() =>
        Assert.Equal(((1L << 30) + 2) / 3, Apply("nodes=3,mem=1gb").MemoryBytesPerChunk);

    [Fact]
    public void Apply_LaterListsOverrideEarlier()
    {
        var r = Apply("select=1:ncpus=2:mem=1gb,walltime=00:10:00", "walltime=00:20:00", "ncpus=4");

        Assert.Equal(new ResourceRequest(1, 4, 1L << 30, TimeSpan.FromMinutes(20)), r);
    }

    /// <summary>Regression: pmem was taken per chunk (3.6 GB in all here, instead of Torque's 43.2 GB).</summary>
    [Theory]
    [InlineData("nodes=2:ppn=12,pmem=1800MB")]
    [InlineData("pmem=1800MB,nodes=2:ppn=12")]
    public void Apply_TorquePmem_IsPerProcessTimesPpn(string list)
    {
        var r = Apply(list);

        Assert.Equal(12 * (1800L << 20), r.MemoryBytesPerChunk);
        Assert.Equal(24 * (1800L << 20), r.TotalMemoryBytes);
    }

    [Fact]
    public void Apply_MemAndPmem_MemIsTheJobsLimit() =>
        Assert.Equal(5L << 30, Apply("nodes=2:ppn=12,pmem=1gb,mem=10gb").MemoryBytesPerChunk);

    [Theory]
    [InlineData("pmem=512mb", 512L << 20)]
    [InlineData("ppn=3", 0L)]
    public void Apply_SingleResources(string list, long memory)
    {
        var r = Apply(list);

        Assert.Equal(memory, r.MemoryBytesPerChunk);
    }

    [Theory]
    [InlineData("migratable=false", false)]
    [InlineData("migratable=no", false)]
    [InlineData("migratable=true", true)]
    public void Apply_Migratable(string list, bool migratable) => Assert.Equal(migratable, Apply(list).Migratable);

    [Theory]
    [InlineData("mem=lots", "mem=lots")]
    [InlineData("walltime=abc", "walltime=abc")]
    [InlineData("select=1:ncpus=-1", "ncpus=-1")]
    [InlineData("ncpus=0", "ncpus=0")]
    [InlineData("nodes=1:mem=2", "after nodes=N")]
    [InlineData("nodes=_x:ppn=2", "neither a node count nor a host name")]
    [InlineData("place=round", "not a placement")]
    [InlineData("naccesspolicy=singleuser", "singlejob")]
    [InlineData("ngpus=0", "GPUs")]
    [InlineData("select=1:ncpus=2+1:ncpus=-4", "ncpus=-4")]
    [InlineData("nodes=1:ppn=2+1:mem=2", "after nodes=N")]
    [InlineData("select=1:gpus=1", "gpus")]
    [InlineData("software=matlab", "software")]
    [InlineData("walltime", "NAME=VALUE")]
    [InlineData("migratable=maybe", "migratable")]
    [InlineData("", "empty")]
    public void Apply_Invalid_FailsNamingTheOffendingText(string list, string named)
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, [list]);

        Assert.False(r.Ok);
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownResource_ListsTheKnownOnes() =>
        Assert.Contains("known resources are nodes", ResourceListParser.Apply(ResourceRequest.Default, ["gpu=1"]).Error, StringComparison.Ordinal);

    [Fact]
    public void Apply_ArbitraryText_NeverThrows() =>
        Gen.String.Sample(s => { ResourceListParser.Apply(ResourceRequest.Default, [s]); });
}
