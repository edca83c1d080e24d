using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Hosting;

/// <summary>
/// Pins this rank to its node's cores (the shape's "cpuset"). sched_setaffinity(2) binds one thread, so every thread
/// the process has is pinned; threads created later and every task process inherit the mask from their creator.
/// </summary>
internal static partial class CpuAffinity
{
    /// <summary>Pins every thread of this process to <paramref name="cpus"/>; returns the threads it could not pin.</summary>
    public static int PinProcess(IReadOnlyList<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var mask = new byte[Math.Max(128, (cpus.Max() / 8) + 1)];
        foreach (var cpu in cpus)
        {
            mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        }

        var failed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) &&
                SetAffinity(tid, (nuint)mask.Length, mask) != 0)
            {
                failed++;
            }
        }

        return failed;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SetAffinity(int pid, nuint size, byte[] mask);
}
