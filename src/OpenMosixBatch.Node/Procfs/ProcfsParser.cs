using System.Globalization;

namespace OpenMosixBatch.Node.Procfs;

/// <summary>Parses the text of /proc files. Pure, so the formats are tested without a live /proc.</summary>
public static class ProcfsParser
{
    /// <summary>The aggregate cpu line: user nice system idle iowait irq softirq steal [guest guest_nice].</summary>
    public static CpuTimes ParseStat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("cpu "))
            {
                continue;
            }

            var f = line[4..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseULong).ToArray();
            if (f.Length < 4)
            {
                break;
            }

            // idle + iowait are idle time; guest time is already counted in user, so it is not added again.
            var idle = f[3] + (f.Length > 4 ? f[4] : 0);
            ulong busy = 0;
            for (var i = 0; i < Math.Min(f.Length, 8); i++)
            {
                if (i is not 3 and not 4)
                {
                    busy += f[i];
                }
            }

            return new CpuTimes(busy, idle);
        }

        throw new FormatException("no aggregate 'cpu' line in /proc/stat");
    }

    public static MemoryInfo ParseMemInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long total = -1, available = -1, free = 0;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon];
            var kb = ParseKb(line[(colon + 1)..]);
            switch (key)
            {
                case "MemTotal": total = kb; break;
                case "MemAvailable": available = kb; break;
                case "MemFree": free = kb; break;
                default: break;
            }
        }

        if (total < 0)
        {
            throw new FormatException("no MemTotal in /proc/meminfo");
        }

        // Kernels before 3.14 have no MemAvailable; MemFree is the conservative stand-in.
        return new MemoryInfo(total * 1024, (available >= 0 ? available : free) * 1024);
    }

    /// <summary>VmRSS and VmHWM of /proc/PID/status, in bytes (0 when absent, as for a zombie).</summary>
    public static (long Rss, long PeakRss) ParseProcessStatus(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long rss = 0, hwm = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKb(line[6..]) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = ParseKb(line[6..]) * 1024;
            }
        }

        return (rss, Math.Max(rss, hwm));
    }

    /// <summary>rchar, wchar, syscr, syscw of /proc/PID/io.</summary>
    public static (long Read, long Written, long ReadCalls, long WriteCalls) ParseProcessIo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long r = 0, w = 0, rc = 0, wc = 0;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = long.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            switch (line[..colon])
            {
                case "rchar": r = value; break;
                case "wchar": w = value; break;
                case "syscr": rc = value; break;
                case "syscw": wc = value; break;
                default: break;
            }
        }

        return (r, w, rc, wc);
    }

    /// <summary>
    /// The second field of /proc/PID/schedstat: nanoseconds the process spent runnable but waiting for a CPU. With
    /// its CPU time this is its runnable demand, which a CPU share alone hides on a crowded node.
    /// </summary>
    public static ulong ParseSchedStatWait(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fields.Length >= 2 && ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var wait) ? wait : 0;
    }

    /// <summary>cgroup v2 cpu.max ("QUOTA PERIOD" or "max PERIOD"): the CPUs it allows, or null when unlimited.</summary>
    public static double? ParseCpuMax(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var f = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 2 || f[0] == "max")
        {
            return null;
        }

        var quota = double.Parse(f[0], CultureInfo.InvariantCulture);
        var period = double.Parse(f[1], CultureInfo.InvariantCulture);
        return period > 0 ? quota / period : null;
    }

    /// <summary>cgroup v2 memory.max: bytes, or null when "max".</summary>
    public static long? ParseMemoryMax(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        return t == "max" || t.Length == 0 ? null : long.Parse(t, CultureInfo.InvariantCulture);
    }

    private static long ParseKb(string text) =>
        long.Parse(text.Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    private static ulong ParseULong(string text) => ulong.Parse(text, CultureInfo.InvariantCulture);
}
