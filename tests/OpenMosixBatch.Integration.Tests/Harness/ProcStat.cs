using System.Globalization;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>Reads /proc/PID/stat fields the world tests need.</summary>
internal static class ProcStat
{
    /// <summary>The parent PID of <paramref name="pid"/> (field 4, after the command name in parentheses).</summary>
    public static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
