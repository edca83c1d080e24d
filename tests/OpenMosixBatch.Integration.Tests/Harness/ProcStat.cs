using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>Reads the /proc/PID/stat fields the world tests need (parsed by the product's <see cref="ProcessStatParser"/>).</summary>
internal static class ProcStat
{
    /// <summary>The parent PID of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid) => ProcessStatParser.Parse(File.ReadAllText($"/proc/{pid}/stat")).ParentPid;

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return ProcessStatParser.Parse(File.ReadAllText($"/proc/{pid}/stat")).IsLive;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
