using System.Globalization;

namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>
/// This process's CPU time per thread name, minor page faults and garbage collections, read from /proc, so the
/// bandwidth probe can say (with --usage) where a transfer's time went on each rank.
/// </summary>
internal sealed class ProcessUsage
{
    private readonly Dictionary<string, long> _ticksByThread;
    private readonly long _minorFaults;
    private readonly long _ticks;
    private readonly int[] _collections;
    private readonly long _allocated;

    private ProcessUsage(Dictionary<string, long> ticksByThread, long ticks, long minorFaults)
    {
        _ticks = ticks;
        _ticksByThread = ticksByThread;
        _minorFaults = minorFaults;
        _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _allocated = GC.GetTotalAllocatedBytes();
    }

    public static ProcessUsage Now()
    {
        var threads = new Dictionary<string, long>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var (name, threadTicks, _) = Parse(File.ReadAllText(Path.Combine(task, "stat")));
                threads[name] = threads.GetValueOrDefault(name) + threadTicks;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        var (_, ticks, faults) = Parse(File.ReadAllText("/proc/self/stat"));
        return new ProcessUsage(threads, ticks, faults);
    }

    /// <summary>One line: CPU milliseconds per thread name (busiest first), minor faults, collections, allocated MB.</summary>
    public string Since(ProcessUsage start)
    {
        var msPerTick = 1000.0 / 100;
        var threads = _ticksByThread
            .Select(t => (t.Key, Ms: (t.Value - start._ticksByThread.GetValueOrDefault(t.Key)) * msPerTick))
            .Where(t => t.Ms > 0)
            .OrderByDescending(t => t.Ms)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key.Replace(' ', '_')}={t.Ms:F0}ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"total={(_ticks - start._ticks) * msPerTick:F0}ms cpu[{string.Join(' ', threads)}] minflt={_minorFaults - start._minorFaults} gc={_collections[0] - start._collections[0]}/{_collections[1] - start._collections[1]}/{_collections[2] - start._collections[2]} alloc_mb={(_allocated - start._allocated) / 1048576.0:F1}");
    }

    private static (string Name, long Ticks, long MinorFaults) Parse(string stat)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var name = stat[(open + 1)..close];
        var fields = stat[(close + 2)..].Split(' ');

        // After the name: state(0) ppid pgrp session tty tpgid flags minflt(7) cminflt majflt cmajflt utime(11) stime(12).
        return (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture), long.Parse(fields[7], CultureInfo.InvariantCulture));
    }
}
