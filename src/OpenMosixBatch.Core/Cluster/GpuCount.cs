using System.Text.RegularExpressions;

namespace OpenMosixBatch.Core.Cluster;

/// <summary>
/// How many NVIDIA GPUs a node has, from what its rank finds on disk: the driver's
/// <c>/proc/driver/nvidia/gpus/BUS-ID/</c> directories (one per GPU), else the device files <c>/dev/nvidia0</c>,
/// <c>/dev/nvidia1</c>, … (not <c>nvidiactl</c>, <c>nvidia-uvm</c> or <c>nvidia-modeset</c>, which every driver adds). A
/// job's devices are then numbered 0 to N − 1, as <c>CUDA_VISIBLE_DEVICES</c> counts them.
/// </summary>
public static partial class GpuCount
{
    /// <summary>The count: the bus directories when the driver lists any, else the numbered device files.</summary>
    /// <param name="busDirectories">The names under <c>/proc/driver/nvidia/gpus/</c> (empty when it does not exist).</param>
    /// <param name="deviceFiles">The names under <c>/dev/</c> that start with <c>nvidia</c> (or all of them).</param>
    public static int Of(IEnumerable<string> busDirectories, IEnumerable<string> deviceFiles)
    {
        ArgumentNullException.ThrowIfNull(busDirectories);
        ArgumentNullException.ThrowIfNull(deviceFiles);
        var buses = busDirectories.Count(d => d.Length > 0 && d != "." && d != "..");
        return buses > 0 ? Math.Min(buses, 1024) : Math.Min(deviceFiles.Count(f => DeviceFile().IsMatch(f)), 1024);
    }

    [GeneratedRegex("^nvidia[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceFile();
}
