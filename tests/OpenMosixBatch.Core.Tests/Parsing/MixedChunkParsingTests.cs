using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

/// <summary>Chunks of several shapes joined by '+', in PBS Pro's select and Torque's nodes (issue 21).</summary>
public sealed class MixedChunkParsingTests
{
    private const long Gb = 1L << 30;

    private static ResourceRequest Apply(params string[] lists)
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, lists);
        Assert.True(r.Ok, r.Error);
        return r.Value!;
    }

    [Fact]
    public void Select_TwoShapes_IsAMixedRequestWithTheFirstKindInItsOwnFields()
    {
        var r = Apply("select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb");

        Assert.True(r.Mixed);
        Assert.Equal((1, 4, 8 * Gb), (r.Chunks, r.CpusPerChunk, r.MemoryBytesPerChunk));
        Assert.Equal([new ChunkKind(2, 1, Gb)], r.MoreChunks);
        Assert.Equal((3, 6L, 10 * Gb), (r.TotalChunks, r.TotalCpus, r.TotalMemoryBytes));
    }

    [Fact]
    public void Select_EachPartKeepsItsOwnRanksThreadsGpusAndProperties()
    {
        var r = Apply("select=1:ncpus=4:mpiprocs=4:ompthreads=1+2:ncpus=2:mpiprocs=1:ngpus=1:bigmem=true:ib=false");

        Assert.Equal((4, (int?)4, (int?)1, 0), (r.CpusPerChunk, r.MpiProcsPerChunk, r.OmpThreadsPerChunk, r.GpusPerChunk));
        Assert.Empty(r.Properties);
        var k = Assert.Single(r.MoreChunks);
        Assert.Equal((2, 2, (int?)1, (int?)null, 1), (k.Count, k.Cpus, k.MpiProcs, k.OmpThreads, k.Gpus));
        Assert.Equal(["bigmem"], k.Properties);
        Assert.Equal(["ib"], k.ExcludedProperties);
        Assert.Equal(2, r.TotalGpus);
    }

    [Fact]
    public void Select_PartsOfOneShape_AreOneShape()
    {
        var r = Apply("select=2:ncpus=2:mem=1gb+1:ncpus=2:mem=1gb");

        Assert.False(r.Mixed);
        Assert.Equal((3, 2, Gb), (r.Chunks, r.CpusPerChunk, r.MemoryBytesPerChunk));
    }

    [Fact]
    public void Select_PbsProHostList_IsOneShapePinnedPerChunk()
    {
        var r = Apply("select=1:host=a:ncpus=2+1:host=b:ncpus=2");

        Assert.False(r.Mixed);
        Assert.Equal(2, r.Chunks);
        Assert.Equal(["a", "b"], r.Hosts);
    }

    [Fact]
    public void Select_HostOnOnePartOnly_PinsThatKindAlone()
    {
        var r = Apply("select=1:host=a:ncpus=2+2:ncpus=2");

        Assert.True(r.Mixed);
        Assert.Equal(["a"], r.Hosts);
        Assert.Null(Assert.Single(r.MoreChunks).Host);
        Assert.Equal(["a"], r.ChunkAt(0).Hosts);
        Assert.Empty(r.ChunkAt(2).Hosts);
    }

    [Fact]
    public void Nodes_TorquePartsOfDifferentPpn_AreAMixedRequest()
    {
        var r = Apply("nodes=1:ppn=4+2:ppn=1");

        Assert.True(r.Mixed);
        Assert.Equal((1, 4), (r.Chunks, r.CpusPerChunk));
        Assert.Equal([new ChunkKind(2, 1, 0)], r.MoreChunks);
    }

    [Fact]
    public void Nodes_HostBesideACount_PinsTheHostAndLeavesTheCountFree()
    {
        var r = Apply("nodes=node7:ppn=2+1:ppn=2");

        Assert.True(r.Mixed);
        Assert.Equal(["node7"], r.Hosts);
        Assert.Equal([new ChunkKind(1, 2, 0)], r.MoreChunks);
    }

    [Fact]
    public void Nodes_OneShape_IsUnchanged()
    {
        var r = Apply("nodes=h1:ppn=2+h2:ppn=2");

        Assert.False(r.Mixed);
        Assert.Equal(["h1", "h2"], r.Hosts);
    }

    [Fact]
    public void Nodes_TorqueMem_IsDividedOverEveryChunkOfEveryKind()
    {
        var r = Apply("nodes=1:ppn=4+2:ppn=1,mem=6gb");

        Assert.Equal([2 * Gb, 2 * Gb, 2 * Gb], Enumerable.Range(0, r.TotalChunks).Select(i => r.ChunkAt(i).MemoryBytesPerChunk));
    }

    [Fact]
    public void Nodes_TorquePmem_IsTimesEachKindsPpn()
    {
        var r = Apply("nodes=1:ppn=12+1:ppn=4,pmem=1gb");

        Assert.Equal(12 * Gb, r.MemoryBytesPerChunk);
        Assert.Equal(4 * Gb, r.MoreChunks[0].MemoryBytes);
        Assert.Equal(16 * Gb, r.TotalMemoryBytes);
    }

    [Fact]
    public void LaterSelect_ReplacesEveryKind()
    {
        var r = Apply("select=1:ncpus=4+2:ncpus=1", "select=2:ncpus=1");

        Assert.False(r.Mixed);
        Assert.Equal(2, r.TotalChunks);
    }

    [Fact]
    public void LaterWalltime_KeepsTheKinds()
    {
        var mixed = Apply("select=1:ncpus=4+2:ncpus=1");

        var r = ResourceListParser.Apply(mixed, ["walltime=00:10:00"]).Value!;

        Assert.Equal(mixed.MoreChunks, r.MoreChunks);
        Assert.Equal(TimeSpan.FromMinutes(10), r.Walltime);
    }

    [Theory]
    [InlineData("select=1:ncpus=2+x:ncpus=1", "'x'")]
    [InlineData("select=1:ncpus=2+1:flavour", "NAME=VALUE")]
    [InlineData("select=1:ncpus=2+1:bogus=3", "bogus")]
    [InlineData("select=600000:ncpus=1+600000:ncpus=2", "1000000")]
    public void Select_ABadPart_IsRefusedNamingIt(string list, string named)
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, [list]);

        Assert.False(r.Ok);
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ncpus=8")]
    [InlineData("ppn=8")]
    [InlineData("ngpus=1")]
    [InlineData("gpus=1")]
    [InlineData("mpiprocs=2")]
    [InlineData("ompthreads=2")]
    [InlineData("mem=4gb")]
    [InlineData("procs=4")]
    public void APerChunkOrJobWideAmount_OnARequestOfSeveralShapes_IsRefusedNamingTheShapesAndTheSelect(string item)
    {
        var mixed = Apply("select=1:ncpus=4:mem=8gb+2:ncpus=1:ngpus=1:mem=1gb");

        var r = ResourceListParser.Apply(mixed, ["walltime=00:10:00," + item], keepUnknown: true);

        Assert.False(r.Ok);
        Assert.Equal($"-l {item} is ambiguous for a job of 2 chunk shapes (select=1:ncpus=4:mem=8gb+2:ncpus=1:ngpus=1:mem=1gb): "
            + "give the whole select with the values you want, e.g. -l select=1:ncpus=4:mem=8gb+2:ncpus=1:ngpus=1:mem=1gb", r.Error);
    }

    [Fact]
    public void APerChunkValue_AfterASelectOfSeveralShapesInOneSubmission_IsRefused()
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, ["select=1:ncpus=4+2:ncpus=1", "ncpus=8"]);

        Assert.False(r.Ok);
        Assert.Contains("select=1:ncpus=4+2:ncpus=1", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewSelect_OnARequestOfSeveralShapes_ReplacesThem_AndItsMemIsPerChunk()
    {
        var mixed = Apply("select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb");

        var r = ResourceListParser.Apply(mixed, ["select=1:ncpus=8:mem=8gb+2:ncpus=1:mem=1gb"]);

        Assert.True(r.Ok, r.Error);
        Assert.Equal((8, 8 * Gb, 10L), (r.Value!.CpusPerChunk, r.Value.MemoryBytesPerChunk, r.Value.TotalCpus));
    }

    [Fact]
    public void PerChunkValues_OnARequestOfOneShape_StillChangeIt()
    {
        var r = ResourceListParser.Apply(Apply("select=2:ncpus=4:mem=8gb"), ["ncpus=2,mem=2gb,ngpus=1"]);

        Assert.True(r.Ok, r.Error);
        Assert.Equal((2, 2, Gb, 1), (r.Value!.Chunks, r.Value.CpusPerChunk, r.Value.MemoryBytesPerChunk, r.Value.GpusPerChunk));
    }

    [Fact]
    public void ChunkAt_WalksTheKindsInOrder()
    {
        var r = Apply("select=1:ncpus=4+2:ncpus=1+1:ncpus=3");

        Assert.Equal([4, 1, 1, 3], Enumerable.Range(0, r.TotalChunks).Select(i => r.ChunkAt(i).CpusPerChunk));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.ChunkAt(4));
    }

    [Fact]
    public void Equals_ComparesTheKinds()
    {
        Assert.Equal(Apply("select=1:ncpus=4+2:ncpus=1"), Apply("select=1:ncpus=4+2:ncpus=1"));
        Assert.NotEqual(Apply("select=1:ncpus=4+2:ncpus=1"), Apply("select=1:ncpus=4+3:ncpus=1"));
    }
}
