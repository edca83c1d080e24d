using System.Globalization;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// Which GPUs a dispatched task gets: on each of its chunks' nodes, the lowest-numbered devices no active task holds.
/// Admission has counted the GPUs already, so the devices are there; naming them makes two tasks never share one.
/// </summary>
public static class GpuDeviceAssignment
{
    /// <summary>The devices every active task of <paramref name="jobs"/> holds.</summary>
    public static HashSet<GpuDevice> InUse(IEnumerable<Job> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return [.. jobs.SelectMany(j => j.Tasks).Where(t => t.State.IsActive()).SelectMany(t => t.GpuDevices)];
    }

    /// <summary>
    /// The devices for a task of <paramref name="request"/> placed on <paramref name="nodes"/> (one per chunk), taken
    /// out of the free ones and added to <paramref name="inUse"/>; null when a node has too few free (the node table
    /// changed since the plan: the task then waits for the next pass).
    /// </summary>
    /// <param name="gpusOf">How many GPUs a node declares (0 for an unknown node).</param>
    public static IReadOnlyList<GpuDevice>? Assign(ResourceRequest request, IReadOnlyList<string> nodes, Func<string, int> gpusOf, HashSet<GpuDevice> inUse)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(gpusOf);
        ArgumentNullException.ThrowIfNull(inUse);
        if (request.TotalGpus == 0)
        {
            return [];
        }

        var given = new List<GpuDevice>();
        for (var c = 0; c < nodes.Count; c++)
        {
            var node = nodes[c];
            var wanted = request.ChunkAt(c).GpusPerChunk;
            for (var i = 0; i < gpusOf(node) && wanted > 0; i++)
            {
                var device = new GpuDevice(node, i);
                if (!inUse.Contains(device) && !given.Contains(device))
                {
                    given.Add(device);
                    wanted--;
                }
            }

            if (wanted > 0)
            {
                return null;
            }
        }

        inUse.UnionWith(given);
        return given;
    }

    /// <summary>CUDA_VISIBLE_DEVICES for the part of a task on <paramref name="node"/>: its device indices, comma-separated.</summary>
    public static string VisibleDevices(IReadOnlyList<GpuDevice> devices, string node)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return string.Join(',', devices.Where(d => d.Node == node).Select(d => d.Index.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The devices as qstat -f and the event log show them: <c>node1:0+node1:1</c>.</summary>
    public static string Describe(IReadOnlyList<GpuDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return string.Join('+', devices.Select(d => d.Node + ":" + d.Index.ToString(CultureInfo.InvariantCulture)));
    }
}
