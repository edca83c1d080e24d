using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Node.Load;

/// <summary>
/// Finds the node's NVIDIA GPUs on disk: the driver's <c>ROOT/proc/driver/nvidia/gpus/*/</c> directories, else the
/// <c>ROOT/dev/nvidia[0-9]*</c> device files (counted by <see cref="GpuCount"/>). The root is "/" except in tests, which
/// lay such a tree out in a directory of their own.
/// </summary>
public static class GpuDetector
{
    /// <summary>The GPUs found under <paramref name="root"/>; 0 when neither place exists or can be read.</summary>
    public static int Count(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        try
        {
            var driver = Path.Combine(root, "proc", "driver", "nvidia", "gpus");
            var dev = Path.Combine(root, "dev");
            var buses = Directory.Exists(driver) ? Directory.EnumerateDirectories(driver).Select(Path.GetFileName).OfType<string>().ToList() : [];
            var devices = Directory.Exists(dev) ? Directory.EnumerateFileSystemEntries(dev, "nvidia*").Select(Path.GetFileName).OfType<string>().ToList() : [];
            return GpuCount.Of(buses, devices);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
