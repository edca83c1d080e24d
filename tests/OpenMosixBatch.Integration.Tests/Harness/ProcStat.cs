using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>Reads the /proc/PID/stat fields the world tests need (parsed by the product's <see cref="ProcessStatParser"/>).</summary>
internal static class ProcStat
{
    /// <summary>The parent PID of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid) => ProcessStatParser.Parse(File.ReadAllText($"/proc/{pid}/stat")).ParentPid;

    /// <summary>
    /// The rank that started the task whose session is <paramref name="session"/>: the parent of the task's
    /// omb-shepherd, which is the job's parent (checked, so a test never kills the wrong process). A task held by its
    /// node's launcher (Omb:World:NodeLauncher), which outlives its ranks and is no rank's child: the omb-node rank of
    /// that node (its socket is spool/NODE.launcher.sock; rank r runs entry r of the world's shape).
    /// </summary>
    public static int RankOf(int session)
    {
        var shepherd = ParentOf(session);
        var command = File.ReadAllText($"/proc/{shepherd}/cmdline");
        if (!command.Contains("omb-shepherd", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the parent of task session {session} is no omb-shepherd: {command}");
        }

        var args = command.Split('\0');
        var at = Array.IndexOf(args, "--launcher");
        return at < 0 ? ParentOf(shepherd) : RankServedBy(args[at + 1]);
    }

    private static int RankServedBy(string socket)
    {
        const string Suffix = ".launcher.sock";
        var spool = Path.GetDirectoryName(socket)!;
        var node = Path.GetFileName(socket)[..^Suffix.Length];
        var shape = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(spool)!, "world-shape.json")))!.AsArray();
        var rank = shape.Select(n => (string?)n!["name"]).ToList().IndexOf(node);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains("omb-node", StringComparison.Ordinal) && cmdline.Contains("\0" + spool + "\0", StringComparison.Ordinal)
                    && File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains($"PMI_RANK={rank}"))
                {
                    return int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended while looked at, or not ours to read.
            }
        }

        throw new InvalidOperationException($"no omb-node rank {rank} serves node {node} of {spool}");
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
