using System.Globalization;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>The processes of one job anywhere on the machine (every simulated node), found by their environment.</summary>
internal static class JobProcesses
{
    /// <summary>PIDs of live processes whose environment says they belong to job <paramref name="jobId"/> (OMB_JOB_ID).</summary>
    public static List<int> Of(string jobId)
    {
        var marker = "OMB_JOB_ID=" + jobId + "\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains(marker, StringComparison.Ordinal) && ProcStat.IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked, or not ours to read.
            }
        }

        return found;
    }

    /// <summary>The nearest omb-node above <paramref name="pid"/> (the rank whose shepherd started it), or 0.</summary>
    public static int RankAbove(int pid)
    {
        for (var p = pid; p > 1; p = ProcStat.ParentOf(p))
        {
            if (p != pid && File.ReadAllText($"/proc/{p}/cmdline").Contains("omb-node", StringComparison.Ordinal))
            {
                return p;
            }
        }

        return 0;
    }

    /// <summary>Whether <paramref name="ancestor"/> is among the parents of <paramref name="pid"/>.</summary>
    public static bool Descends(int pid, int ancestor)
    {
        for (var p = ProcStat.ParentOf(pid); p > 1; p = ProcStat.ParentOf(p))
        {
            if (p == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
