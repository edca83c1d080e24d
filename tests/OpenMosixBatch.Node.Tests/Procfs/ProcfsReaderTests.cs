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
