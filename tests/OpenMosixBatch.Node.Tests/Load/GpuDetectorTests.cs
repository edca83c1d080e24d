using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Hosting;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Load;

/// <summary>GPU detection over a laid-out root (this machine has no GPU), and its way into the rank's load report.</summary>
public sealed class GpuDetectorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("omb-gpu-root-");

    public void Dispose() => _root.Delete(recursive: true);

    private void Touch(params string[] relative)
    {
        foreach (var r in relative)
        {
            var path = Path.Combine(_root.FullName, r);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }
    }

    [Fact]
    public void Count_DriverDirectories_OnePerGpu()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "proc/driver/nvidia/gpus/0000:3b:00.0"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "proc/driver/nvidia/gpus/0000:af:00.0"));
        Touch("proc/driver/nvidia/gpus/0000:af:00.0/information", "dev/nvidia0", "dev/nvidiactl");

        Assert.Equal(2, GpuDetector.Count(_root.FullName));
    }

    [Fact]
    public void Count_DeviceFilesOnly_CountsTheNumberedOnes()
    {
        Touch("dev/nvidia0", "dev/nvidia1", "dev/nvidia2", "dev/nvidiactl", "dev/nvidia-uvm", "dev/null");

        Assert.Equal(3, GpuDetector.Count(_root.FullName));
    }

    [Fact]
    public void Count_NoGpuTree_IsZero() => Assert.Equal(0, GpuDetector.Count(_root.FullName));

    [Fact]
    public void Count_ThisMachine_FindsNone() => Assert.Equal(0, GpuDetector.Count("/"));

    [Fact]
    public void CommandLine_GpuRoot_DefaultsToSlash_AndTakesADirectory()
    {
        Assert.Equal("/", NodeCommandLine.Parse(["--server", "/s"]).Line!.GpuRoot);
        Assert.Equal(_root.FullName, NodeCommandLine.Parse(["--server", "/s", "--gpu-root", _root.FullName]).Line!.GpuRoot);
    }

    [Theory]
    [InlineData("[{\"name\":\"n1\",\"cpus\":2,\"memory\":\"4gb\",\"gpus\":0}]", 0)]
    [InlineData("[{\"name\":\"n1\",\"cpus\":2,\"memory\":\"4gb\"}]", 2)]
    [InlineData("[{\"name\":\"n1\",\"cpus\":2,\"memory\":\"4gb\",\"host\":\"h1\"},{\"name\":\"n2\",\"cpus\":2,\"memory\":\"4gb\",\"host\":\"h2\"}]", 2)]
    [InlineData("[{\"name\":\"n1\",\"cpus\":2,\"memory\":\"4gb\"},{\"name\":\"n2\",\"cpus\":2,\"memory\":\"4gb\"}]", 0)]
    [InlineData("[{\"name\":\"n1\",\"cpus\":2,\"memory\":\"4gb\",\"gpus\":3},{\"name\":\"n2\",\"cpus\":2,\"memory\":\"4gb\"}]", 3)]
    public void EffectiveGpus_AStatedCountWins_ZeroIncluded_ElseAHostOfItsOwnDetects(string shape, int expected)
    {
        Touch("dev/nvidia0", "dev/nvidia1");
        var capacity = NodeIdentity.FromShape(shape, "shape.json", 0);

        var gpus = NodeIdentity.EffectiveGpus(capacity, NodeIdentity.SharesHost(shape, 0), _root.FullName);

        Assert.Equal(2, GpuDetector.Count(_root.FullName));
        Assert.Equal(expected, gpus);
    }

    [Fact]
    public void Sampler_ReportsTheCapacitysGpus()
    {
        Touch("dev/nvidia0", "dev/nvidia1");
        var spool = new TaskSpool(Path.Combine(_root.FullName, "spool"));
        var runner = new TaskRunner("n1", 0, spool, new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
        var capacity = new NodeCapacity("n1", 0, 2, 4L << 30, 1) { Gpus = GpuDetector.Count(_root.FullName) };

        var load = new NodeLoadSampler(capacity, new ProcfsReader(), runner, TimeProvider.System).Sample();

        Assert.Equal(2, load.Gpus);
    }
}
