using System.Collections.Immutable;
using System.Text.Json;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// Offline nodes, why, and who took them offline (an administrator with pbsnodes -o, the node's health check, the
/// black-hole detector), kept in OMB_HOME/nodes.json so a drain survives a server restart, as PBS keeps it in its
/// nodes file. Written whole to a temporary file and renamed into place.
/// </summary>
/// <remarks>A file of the earlier form (node → comment) reads as administrators' drains.</remarks>
public sealed class NodeAdminStates
{
    private readonly string? _path;
    private readonly Lock _write = new();
    private ImmutableSortedDictionary<string, NodeOffline> _entries;
    private ImmutableSortedDictionary<string, string> _offline;

    /// <param name="path">The file, or null to keep the states in memory only (tests).</param>
    public NodeAdminStates(string? path)
    {
        _path = path;
        _entries = ImmutableSortedDictionary<string, NodeOffline>.Empty.WithComparers(StringComparer.Ordinal);
        if (path is not null && File.Exists(path))
        {
            try
            {
                _entries = _entries.AddRange(Read(File.ReadAllText(path)));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"bad node state file {path}: {e.Message}: fix or delete it (it lists offline nodes)");
            }
        }

        _offline = Comments(_entries);
    }

    /// <summary>Offline nodes and their comment.</summary>
    /// <summary>Added to a cut-off node's comment while an administrator has it offline.</summary>
    public const string HeldComment = "; offline by an administrator: it rejoins only after pbsnodes -c";

    public IReadOnlyDictionary<string, string> Offline => Volatile.Read(ref _offline);

    /// <summary>Offline nodes with their comment and who took them offline.</summary>
    public IReadOnlyDictionary<string, NodeOffline> Entries => Volatile.Read(ref _entries);

    public void SetOffline(IEnumerable<string> nodes, string comment, OfflineSource source = OfflineSource.Administrator) =>
        Change(d => d.SetItems(nodes.Select(n => KeyValuePair.Create(n, new NodeOffline(comment, source)))));

    public void Clear(IEnumerable<string> nodes) => Change(d => d.RemoveRange(nodes));

    /// <summary>
    /// Reads <paramref name="node"/>'s state and replaces it with what <paramref name="decide"/> returns (null: online),
    /// as one step, so that an administrator's pbsnodes between the read and the write is never overwritten.
    /// </summary>
    /// <returns>The state before, when it changed; null when nothing changed.</returns>
    public (NodeOffline? Before, NodeOffline? After)? Update(string node, Func<NodeOffline?, NodeOffline?> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        (NodeOffline?, NodeOffline?)? changed = null;
        Change(d =>
        {
            var before = d.GetValueOrDefault(node);
            var after = decide(before);
            if (after == before)
            {
                return d;
            }

            changed = (before, after);
            return after is null ? d.Remove(node) : d.SetItem(node, after);
        });
        return changed;
    }

    private static Dictionary<string, NodeOffline> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("expected an object of node names");
        }

        var result = new Dictionary<string, NodeOffline>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String
                ? new NodeOffline(p.Value.GetString()!, OfflineSource.Administrator)
                : p.Value.Deserialize(NodeAdminJsonContext.Default.NodeOffline) ?? throw new JsonException($"node {p.Name} has no state");
        }

        return result;
    }

    private static ImmutableSortedDictionary<string, string> Comments(ImmutableSortedDictionary<string, NodeOffline> entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value.Held ? e.Value.Comment + HeldComment : e.Value.Comment, StringComparer.Ordinal);

    private void Change(Func<ImmutableSortedDictionary<string, NodeOffline>, ImmutableSortedDictionary<string, NodeOffline>> change)
    {
        lock (_write)
        {
            var next = change(_entries);
            if (ReferenceEquals(next, _entries))
            {
                return;
            }

            if (_path is not null)
            {
                var temporary = _path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(next.ToDictionary(), NodeAdminJsonContext.Default.DictionaryStringNodeOffline));
                File.Move(temporary, _path, overwrite: true);
            }

            Volatile.Write(ref _offline, Comments(next));
            Volatile.Write(ref _entries, next);
        }
    }
}
