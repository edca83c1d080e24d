using System.Collections.Immutable;
using System.Text.Json;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// Nodes an administrator took offline (pbsnodes -o) and why, kept in OMB_HOME/nodes.json so a drain survives a
/// server restart, as PBS keeps it in its nodes file. Written whole to a temporary file and renamed into place.
/// </summary>
public sealed class NodeAdminStates
{
    private readonly string? _path;
    private readonly Lock _write = new();
    private ImmutableSortedDictionary<string, string> _offline;

    /// <param name="path">The file, or null to keep the states in memory only (tests).</param>
    public NodeAdminStates(string? path)
    {
        _path = path;
        _offline = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (path is not null && File.Exists(path))
        {
            try
            {
                var saved = JsonSerializer.Deserialize(File.ReadAllText(path), NodeAdminJsonContext.Default.DictionaryStringString) ?? [];
                _offline = _offline.AddRange(saved);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"bad node state file {path}: {e.Message}: fix or delete it (it lists offline nodes)");
            }
        }
    }

    /// <summary>Offline nodes and the administrator's comment.</summary>
    public IReadOnlyDictionary<string, string> Offline => Volatile.Read(ref _offline);

    public void SetOffline(IEnumerable<string> nodes, string comment) => Change(d => d.SetItems(nodes.Select(n => KeyValuePair.Create(n, comment))));

    public void Clear(IEnumerable<string> nodes) => Change(d => d.RemoveRange(nodes));

    private void Change(Func<ImmutableSortedDictionary<string, string>, ImmutableSortedDictionary<string, string>> change)
    {
        lock (_write)
        {
            var next = change(_offline);
            if (_path is not null)
            {
                var temporary = _path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(next.ToDictionary(), NodeAdminJsonContext.Default.DictionaryStringString));
                File.Move(temporary, _path, overwrite: true);
            }

            Volatile.Write(ref _offline, next);
        }
    }
}
