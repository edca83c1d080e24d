using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Procfs;

/// <summary>Reads the live /proc and cgroup files of this host (the adapter around <see cref="ProcfsParser"/>).</summary>
public sealed class ProcfsReader(string procRoot = "/proc", string cgroupRoot = "/sys/fs/cgroup")
{
    /// <summary>Clock ticks per second (USER_HZ), 100 on every Linux architecture the product runs on.</summary>
    public const int TicksPerSecond = 100;

    public CpuTimes ReadCpu() => ProcfsParser.ParseStat(File.ReadAllText(Path.Combine(procRoot, "stat")));

    public MemoryInfo ReadMemory() => ProcfsParser.ParseMemInfo(File.ReadAllText(Path.Combine(procRoot, "meminfo")));

    /// <summary>The 1-minute load average.</summary>
    public double ReadLoadAverage() =>
        double.Parse(File.ReadAllText(Path.Combine(procRoot, "loadavg")).Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>CPUs this host may use: the cgroup quota when set, else the processor count.</summary>
    public double ReadCpuCapacity() =>
        TryRead(Path.Combine(cgroupRoot, "cpu.max")) is { } text && ProcfsParser.ParseCpuMax(text) is { } cpus
            ? Math.Min(cpus, Environment.ProcessorCount)
            : Environment.ProcessorCount;

    /// <summary>Memory this host may use: the cgroup limit when set and smaller, else MemTotal.</summary>
    public long ReadMemoryCapacity()
    {
        var total = ReadMemory().TotalBytes;
        return TryRead(Path.Combine(cgroupRoot, "memory.max")) is { } text && ProcfsParser.ParseMemoryMax(text) is { } limit
            ? Math.Min(limit, total)
            : total;
    }

    /// <summary>A sample of one process, or null when it is gone (the race with its exit is normal).</summary>
    public ProcessSample? ReadProcess(int pid)
    {
        var dir = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        var stat = ProcessStatParser.TryParse(TryRead(Path.Combine(dir, "stat")));
        var status = TryRead(Path.Combine(dir, "status"));
        if (stat is not { } fields || status is null)
        {
            return null;
        }

        var (rss, peak) = ProcfsParser.ParseProcessStatus(status);
        var io = TryRead(Path.Combine(dir, "io")) is { } ioText ? ProcfsParser.ParseProcessIo(ioText) : default;
        var wait = TryRead(Path.Combine(dir, "schedstat")) is { } schedText ? ProcfsParser.ParseSchedStatWait(schedText) : 0;
        return new ProcessSample(fields.CpuTicks, fields.ProcessGroup, rss, peak, io.Read, io.Written, io.ReadCalls, io.WriteCalls, wait);
    }

    /// <summary>
    /// One read of /proc/PID/stat that tells "no such process" apart from a failed read (see
    /// <see cref="ProcessLivenessRules"/>: only positive evidence makes a process gone).
    /// </summary>
    public ProcStatReading ReadStat(int pid)
    {
        try
        {
            return ProcStatReading.Of(File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat")));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ProcStatReading.NoSuchProcess;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // ESRCH while reading a process that just exited is an IOException too: looked at again next poll.
            return ProcStatReading.Failed;
        }
    }

    /// <summary>When the process started (ticks after boot), or null when it is gone.</summary>
    public ulong? ReadStartTicks(int pid) =>
        ProcessStatParser.TryParse(TryRead(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat")))?.StartTicks;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
