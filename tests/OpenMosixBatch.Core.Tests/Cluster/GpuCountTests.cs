using CsCheck;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Tests.Cluster;

public sealed class GpuCountTests
{
    [Fact]
    public void Of_BusDirectories_CountOnePerGpu() =>
        Assert.Equal(2, GpuCount.Of(["0000:3b:00.0", "0000:af:00.0"], ["nvidia0", "nvidiactl"]));

    [Fact]
    public void Of_NoDriverDirectory_CountsTheNumberedDeviceFilesOnly() =>
        Assert.Equal(3, GpuCount.Of([], ["nvidia0", "nvidia1", "nvidia7", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset", "nvidia-caps", "null"]));

    [Fact]
    public void Of_Nothing_IsZero() => Assert.Equal(0, GpuCount.Of([], ["null", "tty0"]));

    [Fact]
    public void Of_AnyNames_IsBetweenZeroAnd1024()
    {
        Gen.Select(Gen.String.List[0, 5], Gen.String.List[0, 5]).Sample((buses, devices) =>
            Assert.InRange(GpuCount.Of(buses, devices), 0, 1024));
    }
}
