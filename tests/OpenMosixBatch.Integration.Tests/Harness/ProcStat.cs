using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>Reads the /proc/PID/stat fields the world tests need (parsed by the product's <see cref="ProcessStatParser"/>).</summary>
internal static class ProcStat
{
    /// <summary>The parent PID of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid) => ProcessStatParser.Parse(File.ReadAllText($"/proc/{pid}/stat")).ParentPid;

    /// <summary>
    /// The rank that started the task whose session is <paramref name="session"/>: the parent of the task's
    /// omb-shepherd, which is the job's parent (checked, so a test never kills the wrong process).
    /// </summary>
    public static int RankOf(int session)
    {
        var shepherd = ParentOf(session);
        var command = File.ReadAllText($"/proc/{shepherd}/cmdline");
        if (!command.Contains("omb-shepherd", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the parent of task session {session} is no omb-shepherd: {command}");
        }

        return ParentOf(shepherd);
    }

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
