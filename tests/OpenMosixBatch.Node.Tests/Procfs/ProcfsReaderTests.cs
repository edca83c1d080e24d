using System.Diagnostics;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Procfs;

/// <summary>The reader against this machine's live /proc.</summary>
public sealed class ProcfsReaderTests
{
    private readonly ProcfsReader _reader = new();

    [Fact]
    public void ReadProcess_Self_HasCpuTimeAndRss()
    {
        var sample = _reader.ReadProcess(Environment.ProcessId);

        Assert.NotNull(sample);
        Assert.True(sample.Value.RssBytes > 1 << 20, "a .NET test host uses more than 1 MiB");
        Assert.True(sample.Value.PeakRssBytes >= sample.Value.RssBytes);
        Assert.True(sample.Value.ReadCalls > 0);
    }

    [Fact]
    public void ReadProcess_ProcessThatWaitedForACpu_ReportsItsRunQueueWait()
    {
        var root = Directory.CreateTempSubdirectory("omb-proc-");
        try
        {
            var dir = Directory.CreateDirectory(Path.Combine(root.FullName, "42")).FullName;
            File.WriteAllText(Path.Combine(dir, "stat"), "42 (sum) R 1 42 42 0 -1 0 0 0 0 0 150 50 0 0 20 0 1 0 100 0 0");
            File.WriteAllText(Path.Combine(dir, "status"), "VmHWM:\t1024 kB\nVmRSS:\t512 kB\n");
            File.WriteAllText(Path.Combine(dir, "schedstat"), "2000000000 7000000000 80\n");

            var sample = new ProcfsReader(root.FullName).ReadProcess(42);

            Assert.Equal((200UL, 7_000_000_000UL), (sample!.Value.CpuTicks, sample.Value.RunQueueWaitNanoseconds));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadProcess_Gone_ReturnsNull()
    {
        using var p = Process.Start("true")!;
        p.WaitForExit();

        Assert.Null(_reader.ReadProcess(p.Id));
    }

    [Fact]
    public void Capacity_IsPositiveAndWithinTheMachine()
    {
        Assert.InRange(_reader.ReadCpuCapacity(), 0.01, Environment.ProcessorCount);
        Assert.True(_reader.ReadMemoryCapacity() > 0);
        Assert.True(_reader.ReadLoadAverage() >= 0);
        Assert.True(_reader.ReadCpu().Total > 0);
    }
}
