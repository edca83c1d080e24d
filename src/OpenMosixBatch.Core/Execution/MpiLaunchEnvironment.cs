using System.Globalization;
using OpenMosixBatch.Core.Jobs;

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
    public static void Add(IDictionary<string, string> environment, IReadOnlyList<string> nodes, int ranksPerChunk, string hostFile, string? launcher) =>
        Add(environment, nodes, _ => ranksPerChunk, hostFile, launcher);

    /// <summary>The variables for a task of <paramref name="request"/>, each chunk with its own kind's ranks; PBS_NUM_PPN is the first chunk's.</summary>
    public static void Add(IDictionary<string, string> environment, IReadOnlyList<string> nodes, ResourceRequest request, string hostFile, string? launcher)
    {
        ArgumentNullException.ThrowIfNull(request);
        Add(environment, nodes, c => request.ChunkAt(c).RanksPerChunk, hostFile, launcher);
    }

    private static void Add(IDictionary<string, string> environment, IReadOnlyList<string> nodes, Func<int, int> ranksOf, string hostFile, string? launcher)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(nodes);
        var inv = CultureInfo.InvariantCulture;
        environment["PBS_NP"] = Enumerable.Range(0, nodes.Count).Sum(c => (long)ranksOf(c)).ToString(inv);
        environment["PBS_NUM_NODES"] = nodes.Distinct(StringComparer.Ordinal).Count().ToString(inv);
        environment["PBS_NUM_PPN"] = ranksOf(0).ToString(inv);
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

    /// <summary>Hydra's host file for a task of <paramref name="request"/>: each node's ranks summed over the chunks it holds, each chunk by its kind.</summary>
    public static List<string> HostFileLines(IReadOnlyList<string> nodes, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(request);
        var ranks = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var c = 0; c < nodes.Count; c++)
        {
            if (!ranks.ContainsKey(nodes[c]))
            {
                order.Add(nodes[c]);
            }

            ranks[nodes[c]] = ranks.GetValueOrDefault(nodes[c]) + request.ChunkAt(c).RanksPerChunk;
        }

        return [.. order.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n}:{ranks[n]}"))];
    }

    /// <summary>
    /// PBS_NODEFILE: each chunk's node, in chunk order, once per MPI rank of the chunk (PBS Pro's mpiprocs; Torque, and a
    /// chunk without mpiprocs, once per CPU), each chunk by its own kind.
    /// </summary>
    public static IEnumerable<string> NodeFileLines(IReadOnlyList<string> nodes, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(request);
        return Enumerable.Range(0, nodes.Count).SelectMany(c => Enumerable.Repeat(nodes[c], request.ChunkAt(c).RanksPerChunk));
    }
}
