using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.World;

/// <summary>How mpiexec.hydra reaches the nodes: forks every rank on this host, or starts them on the nodes' hosts.</summary>
public static class WorldHosts
{
    /// <summary>
    /// <c>-launcher fork</c> when no node names a host; else <c>-launcher ssh</c> (with <c>-launcher-exec</c> when a
    /// host launcher is configured) and <c>-hosts</c> with one host per rank, in rank order. Nothing when the configured
    /// arguments already choose a launcher (or the hosts, e.g. with a hostfile).
    /// </summary>
    public static IReadOnlyList<string> LauncherArguments(IReadOnlyList<NodeSnapshot> nodes, WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(options);
        var a = options.LauncherArguments;
        var launcherChosen = a.Any(x => x is "-launcher" or "-bootstrap");
        var hostsChosen = a.Any(x => x is "-hosts" or "-f" or "-hostfile");
        if (nodes.All(n => n.Host is null))
        {
            return launcherChosen ? [] : ["-launcher", "fork"];
        }

        var launcher = launcherChosen ? [] : options.HostLauncher.Length > 0 ? ["-launcher", "ssh", "-launcher-exec", options.HostLauncher] : new[] { "-launcher", "ssh" };
        return hostsChosen ? launcher : [.. launcher, "-hosts", string.Join(',', nodes.Select(n => n.Host))];
    }
}
