using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

/// <summary>The PBS Pro and Torque resources beyond CPUs, memory and walltime (issue 21).</summary>
public sealed class ResourceListParserPbsTests
{
    /// <summary>The lists applied to the default request as qsub applies them (unknown names kept for the site); must succeed.</summary>
    internal static ResourceRequest Apply(params string[] lists)
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, lists, keepUnknown: true);
        Assert.True(r.Ok, r.Error);
        return r.Value!;
    }

    [Fact]
    public void Apply_SelectWithMpiprocsAndOmpthreads_KeepsRanksAndThreadsPerChunk()
    {
        var r = Apply("select=9:ncpus=128:mpiprocs=128:ompthreads=1:mem=230GB");

        Assert.Equal((9, 128, 230L << 30), (r.Chunks, r.CpusPerChunk, r.MemoryBytesPerChunk));
        Assert.Equal((128, 1), (r.RanksPerChunk, r.ThreadsPerRank));
    }

    [Fact]
    public void Apply_HybridChunk_ThreadsAreCpusOverRanksUnlessGiven()
    {
        Assert.Equal((4, 8), (Apply("select=2:ncpus=32:mpiprocs=4").RanksPerChunk, Apply("select=2:ncpus=32:mpiprocs=4").ThreadsPerRank));
        Assert.Equal((12, 12), (Apply("nodes=1:ppn=12").RanksPerChunk, Apply("nodes=1:ppn=12").ThreadsPerRank));
    }

    [Fact]
    public void Apply_LaterSelect_DropsTheEarlierRanksAndThreads() =>
        Assert.Null(Apply("select=1:ncpus=4:mpiprocs=4", "select=2:ncpus=2").MpiProcsPerChunk);

    [Fact]
    public void Apply_CputVmemPvmemFile_AreKept()
    {
        var r = Apply("walltime=00:05:00,cput=00:05:00,vmem=8gb,pvmem=2gb,file=10gb");

        Assert.Equal(TimeSpan.FromMinutes(5), r.CpuTime);
        Assert.Equal((8L << 30, 2L << 30, 10L << 30), (r.VirtualMemoryBytes, r.ProcessVirtualMemoryBytes, r.FileBytes));
    }

    [Theory]
    [InlineData("procs=16", 16, 1)]
    [InlineData("procs=16,nodes=2:ppn=8", 2, 8)]
    [InlineData("select=1:ncpus=4,procs=16", 1, 4)]
    public void Apply_TorqueProcs_IsThatManySingleCpuChunksUnlessShaped(string list, int chunks, int cpus) =>
        Assert.Equal((chunks, cpus), (Apply(list).Chunks, Apply(list).CpusPerChunk));

    [Fact]
    public void Apply_UnknownKept_RecordedOnceEachWithTheLastValue()
    {
        var r = Apply("qos=debug,feature=skylake", "qos=long", "select=1:ncpus=2:model=sky");

        Assert.Equal(["feature=skylake", "qos=long", "model=sky"], r.Ignored);
    }

    [Fact]
    public void Apply_BareSiteResource_KeptAsAFlag() => Assert.Equal(["wd"], Apply("ncpus=4,wd").Ignored);

    [Theory]
    [InlineData("qos=debug", "qos")]
    [InlineData("select=1:model=sky", "model")]
    public void Apply_UnknownNotKept_IsRefused(string list, string named) =>
        Assert.Contains(named, ResourceListParser.Apply(ResourceRequest.Default, [list]).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("cput=abc", "cput")]
    [InlineData("select=1:mpiprocs=0", "mpiprocs=0")]
    [InlineData("vmem=lots", "vmem=lots")]
    [InlineData("procs=0", "procs=0")]
    [InlineData("9lives=1", "9lives")]
    public void Apply_BadValue_FailsNamingIt(string list, string named)
    {
        var r = ResourceListParser.Apply(ResourceRequest.Default, [list], keepUnknown: true);

        Assert.False(r.Ok);
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AnyChunkShape_RanksAndThreadsAreAtLeastOne() =>
        Gen.Select(Gen.Int[1, 256], Gen.Int[0, 256], Gen.Int[0, 64]).Sample((cpus, m, t) =>
        {
            int? ranks = m == 0 ? null : m;
            int? threads = t == 0 ? null : t;
            var list = $"select=1:ncpus={cpus}" + (ranks is { } rv ? $":mpiprocs={rv}" : "") + (threads is { } tv ? $":ompthreads={tv}" : "");
            var r = Apply(list);
            return r.RanksPerChunk >= 1 && r.ThreadsPerRank >= 1 && r.RanksPerChunk == (ranks ?? cpus);
        });

    [Fact]
    public void Equals_SameIgnoredResourcesInAnotherList_IsEqual() =>
        Assert.Equal(Apply("qos=debug,select=1:ncpus=2:mpiprocs=2"), Apply("select=1:ncpus=2:mpiprocs=2") with { Ignored = new List<string> { "qos=debug" } });

    [Fact]
    public void Apply_ArbitraryTextKeepingUnknown_NeverThrows() =>
        Gen.String.Sample(s => { ResourceListParser.Apply(ResourceRequest.Default, [s], keepUnknown: true); });
}
