using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Simulation.Swf;

namespace OpenMosixBatch.Simulation;

/// <summary>Simulated clusters: uniform nodes, or the machine a trace's header describes.</summary>
public static class Machine
{
    /// <summary>Memory per node when neither the command line nor the trace says: enough that memory never limits.</summary>
    public const long UnstatedMemoryBytes = 1L << 40;

    /// <summary><paramref name="nodes"/> nodes <c>sim0001</c>… of <paramref name="cpus"/> CPUs and <paramref name="memoryBytes"/> each.</summary>
    public static IReadOnlyList<NodeSnapshot> Uniform(int nodes, int cpus, long memoryBytes)
    {
        if (nodes < 1 || cpus < 1 || memoryBytes < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"a cluster of {nodes} nodes × {cpus} CPUs × {memoryBytes} bytes is impossible: give at least one node, one CPU and some memory"));
        }

        var width = Math.Max(4, nodes.ToString(CultureInfo.InvariantCulture).Length);
        return [.. Enumerable.Range(1, nodes).Select(i => new NodeSnapshot("sim" + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'), cpus, memoryBytes))];
    }

    /// <summary>The trace's machine: <c>MaxNodes</c> nodes of <c>MaxProcs / MaxNodes</c> CPUs (1 when MaxProcs is absent).</summary>
    public static IReadOnlyList<NodeSnapshot> FromHeader(SwfTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var (nodes, procs) = (trace.Header.MaxNodes, trace.Header.MaxProcs);
        if (nodes is not { } n)
        {
            if (procs is not { } p)
            {
                throw new ArgumentException($"{trace.Path} gives neither MaxNodes nor MaxProcs in its header: give the machine with --nodes N --cpus C or --cluster FILE");
            }

            return Uniform(p, 1, UnstatedMemoryBytes);
        }

        return Uniform(n, Math.Max(1, (procs ?? n) / n), UnstatedMemoryBytes);
    }
}
