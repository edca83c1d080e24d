using System.Collections.Immutable;
using System.Text.Json;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// The cluster's nodes and where each stands (<see cref="MembershipMachine"/>), kept in OMB_HOME/members.json so that
/// a node added with <c>omb node add</c> (or removed) stays so across server restarts — the way PBS keeps the nodes
/// <c>qmgr</c> creates in its server's nodes file rather than in a configuration file an administrator edits.
/// </summary>
/// <remarks>
/// <para>conf/cluster.json stays the administrator's file: the server never rewrites it. Its nodes are the members at
/// the first start; later, <c>omb node reload</c> (or SIGHUP) compares it with this list: its new nodes join, its
/// nodes gone from it leave, and the nodes added by command are left alone. A node of the file that an administrator
/// removed is remembered as removed, so a reload or a restart does not bring it back.</para>
/// <para>Written whole to a temporary file and renamed into place; every change bumps <see cref="Version"/>, which the
/// supervisor compares to tell whether the world it launched still has the right ranks.</para>
/// </remarks>
public sealed class ClusterMembership
{
    private readonly string? _path;
    private readonly Lock _write = new();
    private ImmutableList<MemberEntry> _entries;
    private ImmutableSortedSet<string> _removed;
    private int _version;

    /// <param name="path">The file, or null to keep the membership in memory only (tests).</param>
    /// <param name="configured">The cluster file's nodes (or the <c>--nodes</c> shape): the members when no file exists yet.</param>
    public ClusterMembership(string? path, IReadOnlyList<NodeSnapshot> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _path = path;
        _removed = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        if (path is not null && File.Exists(path))
        {
            MembershipFile file;
            try
            {
                file = JsonSerializer.Deserialize(File.ReadAllText(path), MembershipJsonContext.Default.MembershipFile)
                    ?? throw new JsonException("empty");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"bad membership file {path}: {e.Message}: fix or delete it (it lists the nodes added or removed by command)");
            }

            _entries = [.. file.Nodes.Select(m => new MemberEntry(new NodeSnapshot(m.Name, m.Cpus, m.MemoryBytes, m.Speed)
                {
                    Host = m.Host,
                    CpuSet = m.CpuSet,
                    Gpus = m.Gpus,
                    GpusDeclared = m.GpusDeclared ?? m.Gpus > 0,
                    Properties = m.Properties ?? [],
                },
                new MemberState(m.Phase, m.Now, m.Detail), m.Configured))];
            _removed = _removed.Union(file.Removed);
            Restored = true;
        }
        else
        {
            _entries = [.. configured.Select(n => new MemberEntry(n, new MemberState(MembershipPhase.Member), Configured: true))];
        }
    }

    /// <summary>True when the membership came from the file (an earlier server's), not from the cluster file alone.</summary>
    public bool Restored { get; }

    public IReadOnlyList<MemberEntry> Entries => Volatile.Read(ref _entries);

    public int Version => Volatile.Read(ref _version);

    public MemberEntry? Find(string name) => Entries.FirstOrDefault(e => e.Node.Name == name);

    /// <summary>The nodes the next world has a rank on (members and leaving nodes), in rank order.</summary>
    public IReadOnlyList<NodeSnapshot> InWorld => [.. Entries.Where(e => e.State.InWorld).Select(e => e.Node)];

    /// <summary>Records <paramref name="name"/>'s next state (null: out of the cluster) and writes the file.</summary>
    /// <param name="node">Its capacity: needed when it is new, else the stored one is kept.</param>
    /// <exception cref="IOException">The file could not be written: nothing changed.</exception>
    public void Apply(string name, NodeSnapshot? node, MemberState? next, bool configured = false)
    {
        lock (_write)
        {
            var entries = _entries;
            var removed = _removed;
            var index = entries.FindIndex(e => e.Node.Name == name);
            if (next is null)
            {
                if (index >= 0)
                {
                    removed = entries[index].Configured ? removed.Add(name) : removed;
                    entries = entries.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                entries = entries.SetItem(index, entries[index] with { State = next, Node = node ?? entries[index].Node });
            }
            else
            {
                entries = entries.Add(new MemberEntry(node ?? throw new ArgumentNullException(nameof(node)), next, configured));
                removed = removed.Remove(name);
            }

            Write(entries, removed);
            Volatile.Write(ref _removed, removed);
            Volatile.Write(ref _entries, entries);
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>
    /// What a reload of the cluster file changes: its nodes that are not in the cluster (and were not removed by an
    /// administrator) join; the cluster file's members it no longer lists leave; its members it lists with another
    /// capacity (CPUs, memory, speed, CPU set, host, GPUs, properties) change. Nodes added by command are kept.
    /// </summary>
    public MembershipChanges Compare(IReadOnlyList<NodeSnapshot> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var entries = Entries;
        var removed = Volatile.Read(ref _removed);
        var listed = configured.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return new([.. configured.Where(n => !removed.Contains(n.Name) && entries.All(e => e.Node.Name != n.Name))],
            [.. entries.Where(e => e.Configured && !listed.Contains(e.Node.Name)).Select(e => e.Node.Name)],
            [.. configured.Where(n => entries.Any(e => e.Configured && e.Node.Name == n.Name && !SameCapacity(e.Node, n)))]);
    }

    /// <summary>True when a rank launched for <paramref name="a"/> offers what one launched for <paramref name="b"/> does.</summary>
    public static bool SameCapacity(NodeSnapshot a, NodeSnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Name == b.Name && a.Cpus == b.Cpus && a.MemoryBytes == b.MemoryBytes && a.Speed.Equals(b.Speed) && a.Host == b.Host
            && a.CpuSet == b.CpuSet && a.Gpus == b.Gpus && a.GpusDeclared == b.GpusDeclared && a.Properties.SequenceEqual(b.Properties, StringComparer.Ordinal);
    }

    private void Write(ImmutableList<MemberEntry> entries, ImmutableSortedSet<string> removed)
    {
        if (_path is null)
        {
            return;
        }

        var file = new MembershipFile(
            [.. entries.Select(e => new MembershipFile.Member(e.Node.Name, e.Node.Cpus, e.Node.MemoryBytes, e.Node.Speed, e.Node.Host, e.Node.CpuSet,
                e.State.Phase, e.State.Now, e.State.Detail, e.Configured)
            {
                Gpus = e.Node.Gpus,
                GpusDeclared = e.Node.GpusDeclared,
                Properties = [.. e.Node.Properties],
            })],
            [.. removed]);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(file, MembershipJsonContext.Default.MembershipFile));
        File.Move(temporary, _path, overwrite: true);
    }
}
