using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// What a task needs so that a plain <c>mpiexec ./prog</c> in its script starts the program's ranks on the task's
/// nodes through the scheduler (PBS's TM and <c>pbs_tmrsh</c>): MPICH's Hydra reads <c>HYDRA_HOST_FILE</c> (lines
/// <c>node:ranks</c>) and starts one proxy per host with <c>HYDRA_LAUNCHER_EXEC -x HOST "proxy command"</c>, which
/// <c>omb rsh</c> understands as ssh would. <c>PBS_NP</c>, <c>PBS_NUM_NODES</c> and <c>PBS_NUM_PPN</c> are Torque's.
/// </summary>
public static class MpiLaunchEnvironment
{
    /// <summary>The variables, the job's own values for the HYDRA ones kept (a job may choose another launcher).</summary>
    /// <param name="environment">The task's environment, changed in place.</param>
    /// <param name="nodes">The task's nodes, one per chunk.</param>
    /// <param name="ranksPerChunk">MPI ranks per chunk (mpiprocs, else the chunk's CPUs).</param>
    /// <param name="hostFile">Where the host file is (see <see cref="HostFileLines"/>).</param>
    /// <param name="launcher">The <c>pbs_tmrsh</c> executable (omb's own name for <c>omb rsh</c>), or null when absent.</param>
    public static void Add(IDictionary<string, string> environment, IReadOnlyList<string> nodes, int ranksPerChunk, string hostFile, string? launcher)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(nodes);
        var inv = CultureInfo.InvariantCulture;
        environment["PBS_NP"] = (nodes.Count * ranksPerChunk).ToString(inv);
        environment["PBS_NUM_NODES"] = nodes.Distinct(StringComparer.Ordinal).Count().ToString(inv);
        environment["PBS_NUM_PPN"] = ranksPerChunk.ToString(inv);
        if (launcher is null)
        {
            return;
        }

        environment.TryAdd("HYDRA_HOST_FILE", hostFile);
        environment.TryAdd("HYDRA_LAUNCHER", "ssh");
        environment.TryAdd("HYDRA_LAUNCHER_EXEC", launcher);
        // Open MPI's rsh launcher takes the same kind of command (docs/user-guide.md).
        environment.TryAdd("OMPI_MCA_plm_rsh_agent", launcher);
    }

    /// <summary>Hydra's host file: one line <c>node:ranks</c> per node, in the order of the task's chunks (two chunks on one node add up).</summary>
    public static List<string> HostFileLines(IReadOnlyList<string> nodes, int ranksPerChunk)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return [.. nodes.GroupBy(n => n, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}:{g.Count() * ranksPerChunk}"))];
    }
}
