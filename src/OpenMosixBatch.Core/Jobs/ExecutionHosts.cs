using System.Collections;
using System.Text.Json.Serialization;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The nodes a task runs on, one per chunk in chunk order (PBS <c>exec_host</c>): the first is where its script runs
/// (PBS's mother superior), the others hold its other chunks. A node appears once per chunk it holds.
/// </summary>
/// <remarks>
/// Stored and sent as the comma-joined names (<c>"node1,node2"</c>, <see cref="ToString"/>), the shape
/// <c>JobTask.Node</c> had as a string, so records written before this type read unchanged and <c>qstat --json</c>
/// keeps its <c>node</c> field. The converter is named on the type so that every serializer (the store's, the API's,
/// the MPI transport's reflection-based one) writes that shape without being told.
/// </remarks>
[JsonConverter(typeof(ExecutionHostsJsonConverter))]
public sealed class ExecutionHosts : IReadOnlyList<string>, IEquatable<ExecutionHosts>
{
    /// <summary>What separates the names in the joined form.</summary>
    public const char Separator = ',';

    private readonly string[] _nodes;

    private ExecutionHosts(string[] nodes) => _nodes = nodes;

    /// <summary>The node the task's script runs on (its first chunk's).</summary>
    public string First => _nodes[0];

    /// <summary>How many chunks.</summary>
    public int Count => _nodes.Length;

    /// <summary>The node of chunk <paramref name="index"/>.</summary>
    public string this[int index] => _nodes[index];

    /// <summary>One chunk on <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or holds the separator.</exception>
    public static ExecutionHosts On(string node) => Of([node]);

    /// <summary>One chunk on each of <paramref name="nodes"/>, in order.</summary>
    /// <exception cref="ArgumentException">No node, or a name that is empty or holds the separator.</exception>
    public static ExecutionHosts Of(IEnumerable<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var names = nodes.ToArray();
        if (names.Length == 0)
        {
            throw new ArgumentException("a task runs on at least one node", nameof(nodes));
        }

        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name) || name.Contains(Separator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a node name: it is empty or holds '{Separator}'", nameof(nodes));
            }
        }

        return new ExecutionHosts(names);
    }

    /// <summary>Reads the joined form (<c>"node1,node2"</c>).</summary>
    /// <exception cref="FormatException">The text is empty or names an empty node.</exception>
    public static ExecutionHosts Parse(string joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        var names = joined.Split(Separator);
        return Array.Exists(names, n => n.Length == 0)
            ? throw new FormatException($"'{joined}' is not a list of node names separated by '{Separator}'")
            : new ExecutionHosts(names);
    }

    /// <summary>Whether a chunk of the task is on <paramref name="node"/>.</summary>
    public bool Contains(string? node) => node is not null && Array.IndexOf(_nodes, node) >= 0;

    /// <summary>The nodes, each once, in the order of their first chunk.</summary>
    public IReadOnlyList<string> Distinct() => [.. _nodes.Distinct(StringComparer.Ordinal)];

    /// <summary>The same chunks with the first one on <paramref name="node"/> (the script moved there).</summary>
    public ExecutionHosts WithFirst(string node)
    {
        var names = (string[])_nodes.Clone();
        names[0] = node;
        return Of(names);
    }

    /// <summary>The joined form: the names in chunk order separated by <see cref="Separator"/>.</summary>
    public override string ToString() => string.Join(Separator, _nodes);

    public bool Equals(ExecutionHosts? other) =>
        other is not null && _nodes.AsSpan().SequenceEqual(other._nodes);

    public override bool Equals(object? obj) => Equals(obj as ExecutionHosts);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var node in _nodes)
        {
            hash.Add(node, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(ExecutionHosts? left, ExecutionHosts? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(ExecutionHosts? left, ExecutionHosts? right) => !(left == right);

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_nodes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
