using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Parsing;

/// <summary>GPUs, node properties, host lists and place= in both PBS styles (issue 21).</summary>
public sealed class ResourceListParserPlacementTests
{
    private static ResourceRequest Apply(params string[] lists) => ResourceListParserPbsTests.Apply(lists);

    [Fact]
    public void Apply_TorqueGpus_ArePerChunkBesidePpn()
    {
        var r = Apply("nodes=1:ppn=4:gpus=1");

        Assert.Equal((1, 4, 1), (r.Chunks, r.CpusPerChunk, r.GpusPerChunk));
        Assert.Empty(r.Properties);
    }

    [Fact]
    public void Apply_TorqueGpuMode_IsNotTakenForAProperty() =>
        Assert.Empty(Apply("nodes=1:ppn=4:gpus=2:exclusive_process").Properties);

    [Fact]
    public void Apply_PbsProNgpus_IsPerChunk()
    {
        var r = Apply("select=2:ncpus=8:ngpus=2:mem=16gb");

        Assert.Equal((2, 8, 2), (r.Chunks, r.CpusPerChunk, r.GpusPerChunk));
    }

    [Fact]
    public void Apply_TopLevelNgpus_SetsTheChunksGpus() => Assert.Equal(1, Apply("ncpus=4,ngpus=1").GpusPerChunk);

    [Fact]
    public void Apply_TorqueProperty_IsRequiredOfEveryChunk()
    {
        var r = Apply("nodes=2:ppn=8:ib:bigmem");

        Assert.Equal((2, 8), (r.Chunks, r.CpusPerChunk));
        Assert.Equal(["ib", "bigmem"], r.Properties);
        Assert.Empty(r.Ignored);
    }

    [Fact]
    public void Apply_PbsProCustomBoolean_IsAProperty()
    {
        var r = Apply("select=2:ncpus=4:bigmem=true");

        Assert.Equal(["bigmem"], r.Properties);
        Assert.Empty(r.Ignored);
    }

    [Fact]
    public void Apply_PbsProCustomBooleanFalse_ExcludesTheProperty()
    {
        var r = Apply("select=2:ncpus=4:bigmem=false:ib=True");

        Assert.Equal(["ib"], r.Properties);
        Assert.Equal(["bigmem"], r.ExcludedProperties);
        Assert.Empty(r.Ignored);
        Assert.False(r.Movable);
    }

    [Fact]
    public void Apply_PbsProCustomBooleanSetTwice_TheLastCounts()
    {
        var r = Apply("select=1:ncpus=1:bigmem=true:bigmem=f");

        Assert.Empty(r.Properties);
        Assert.Equal(["bigmem"], r.ExcludedProperties);
    }

    [Fact]
    public void Apply_ALaterSelect_DropsTheEarlierExcludedProperties() =>
        Assert.Empty(Apply("select=1:ncpus=1:bigmem=false", "select=1:ncpus=2").ExcludedProperties);

    [Fact]
    public void Apply_PbsProSiteResourceWithANumber_IsNotTakenForABoolean() =>
        Assert.Equal(["scratch=0"], Apply("select=1:ncpus=4:scratch=0").Ignored);

    [Fact]
    public void Apply_PbsProSiteResourceWithAValue_IsStillKeptForTheSite() =>
        Assert.Equal(["model=skl"], Apply("select=1:ncpus=4:model=skl").Ignored);

    [Fact]
    public void Apply_TorqueHostList_PinsEachChunkToItsHost()
    {
        var r = Apply("nodes=h1:ppn=2+h2:ppn=2");

        Assert.Equal((2, 2), (r.Chunks, r.CpusPerChunk));
        Assert.Equal(["h1", "h2"], r.Hosts);
    }

    [Fact]
    public void Apply_TorqueCountsJoinedByPlus_AddUp()
    {
        var r = Apply("nodes=2:ppn=4:ib+1:ppn=4:ib");

        Assert.Equal((3, 4), (r.Chunks, r.CpusPerChunk));
        Assert.Empty(r.Hosts);
    }

    [Fact]
    public void Apply_SelectHost_PinsEveryChunk() => Assert.Equal(["n1", "n1"], Apply("select=2:ncpus=1:host=n1").Hosts);

    [Fact]
    public void Apply_ALaterSelect_DropsTheEarlierNodesConstraints()
    {
        var r = Apply("nodes=h1:ppn=2:gpus=1:ib", "select=1:ncpus=2");

        Assert.Equal((0, 0, 0), (r.GpusPerChunk, r.Properties.Count, r.Hosts.Count));
    }

    [Theory]
    [InlineData("place=scatter", PlacementArrangement.Scatter, PlacementSharing.Default)]
    [InlineData("place=pack", PlacementArrangement.Pack, PlacementSharing.Default)]
    [InlineData("place=free:shared", PlacementArrangement.Free, PlacementSharing.Shared)]
    [InlineData("place=vscatter", PlacementArrangement.VScatter, PlacementSharing.Default)]
    [InlineData("place=scatter:excl", PlacementArrangement.Scatter, PlacementSharing.Exclusive)]
    [InlineData("place=excl", PlacementArrangement.Free, PlacementSharing.Exclusive)]
    [InlineData("place=exclhost:pack", PlacementArrangement.Pack, PlacementSharing.Exclusive)]
    [InlineData("naccesspolicy=singlejob", PlacementArrangement.Free, PlacementSharing.Exclusive)]
    [InlineData("naccesspolicy=shared", PlacementArrangement.Free, PlacementSharing.Shared)]
    public void Apply_Place_SetsArrangementAndSharing(string list, PlacementArrangement arrangement, PlacementSharing sharing)
    {
        var r = Apply(list);

        Assert.Equal((arrangement, sharing), (r.Arrangement, r.Sharing));
    }

    [Fact]
    public void Movable_GpuPropertyHostOrExclusive_KeepTheirNode()
    {
        Assert.True(Apply("select=1:ncpus=1").Movable);
        Assert.False(Apply("select=1:ncpus=1:ngpus=1").Movable);
        Assert.False(Apply("nodes=1:ppn=1:ib").Movable);
        Assert.False(Apply("nodes=h1:ppn=1").Movable);
        Assert.False(Apply("place=excl").Movable);
    }

    [Fact]
    public void Equals_ComparesTheNewListsByContent() =>
        Assert.Equal(Apply("nodes=h1:ppn=2:ib+h2:ppn=2:ib"), Apply("nodes=h1:ppn=2:ib+h2:ppn=2:ib") with { Hosts = ["h1", "h2"] });
}
