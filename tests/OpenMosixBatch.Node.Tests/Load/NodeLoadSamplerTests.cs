using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Load;

public sealed class NodeLoadSamplerTests
{
    [Fact]
    public void Sample_ReportsCapacityAndLiveMeasurements()
    {
        var spool = new TaskSpool(Path.Combine(Path.GetTempPath(), "omb-sampler-" + Guid.NewGuid().ToString("N")));
        var runner = new TaskRunner("n1", 3, spool, new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
        var sampler = new NodeLoadSampler(new NodeCapacity("n1", 3, 2, 4L << 30, 1.5), new ProcfsReader(), runner, TimeProvider.System);

        sampler.Sample();
        var load = sampler.Sample();

        Assert.Equal(("n1", 3, 2, 4L << 30, 1.5), (load.Node, load.Rank, load.Cpus, load.MemoryBytes, load.Speed));
        Assert.InRange(load.CpuUtilization, 0, 1);
        Assert.InRange(load.FreeMemoryBytes, 1, 4L << 30);
        Assert.Empty(load.Tasks);
    }
}
