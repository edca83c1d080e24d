using System.Globalization;
using System.Text.Json;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// "Hosts" on this machine: one network namespace each (its own UTS host name and IPC namespace when entered through
/// <see cref="HostLauncher"/>), joined by veth links to a bridge in a hub namespace, on private addresses 10.77.0.0/24
/// that exist only inside these namespaces. The machine's own interfaces and routes are never touched. Names are
/// unique per instance; dispose kills every process left in the namespaces (by PID) and deletes them, also when the
/// test failed.
/// </summary>
public sealed class NetworkHosts : IAsyncDisposable
{
    private const string Bridge = "br0";
    private static readonly string[] IpPaths = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"];
    private readonly TempDirectory _dir = new();
    private readonly List<string> _namespaces = [];

    private NetworkHosts(string prefix) => Prefix = prefix;

    public string Prefix { get; }

    /// <summary>The hosts, which are also their namespaces' names.</summary>
    public IReadOnlyList<string> Hosts => [.. _namespaces.Where(n => n != Hub)];

    public string Hub => Prefix + "-hub";

    /// <summary>A program called like ssh (<c>-x HOST COMMAND…</c>) that runs the command in HOST's namespace under HOST's host name.</summary>
    public string HostLauncher => _dir.File("enter-host");

    /// <summary>mpiexec.hydra run in the hub namespace, which reaches every host over the bridge.</summary>
    public string Mpiexec => _dir.File("mpiexec-in-hub");

    /// <summary>Why these tests cannot run here (not root, no <c>ip netns</c>), or null when they can.</summary>
    public static string? Unavailable()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "needs root to create network namespaces (ip netns add): run the integration tests as root";
        }

        var ip = IpPaths.FirstOrDefault(File.Exists);
        if (ip is null)
        {
            return "needs iproute2 (ip netns): apt-get install iproute2";
        }

        var r = ChildProcess.RunAsync(ip, ["netns", "list"], timeout: TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        return r.ExitCode == 0 ? null : $"ip netns is unavailable here ({r.Stderr.Trim()}): network namespaces need a kernel and a sandbox that allow them";
    }

    /// <summary>Creates <paramref name="count"/> hosts (10.77.0.1, .2, …) and the hub (10.77.0.254).</summary>
    public static async Task<NetworkHosts> CreateAsync(int count)
    {
        // Short: a link name is at most 15 characters, and the hub side of each veth is named PREFIX-x.
        var hosts = new NetworkHosts("omb" + Guid.NewGuid().ToString("N")[..5]);
        try
        {
            await hosts.BuildAsync(count);
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the host's link down at the bridge: from then on nothing reaches it, nor leaves it.</summary>
    public Task CutAsync(string host) => IpAsync("-n", Hub, "link", "set", HubSide(host), "down");

    /// <summary>Brings <paramref name="host"/>'s cut link up again.</summary>
    public Task ReconnectAsync(string host) => IpAsync("-n", Hub, "link", "set", HubSide(host), "up");

    /// <summary>Bytes the bridge received from (Rx) and sent to (Tx) the host over its link.</summary>
    public async Task<(long Received, long Sent)> LinkBytesAsync(string host)
    {
        var json = await IpAsync("-n", Hub, "-s", "-j", "link", "show", HubSide(host));
        using var doc = JsonDocument.Parse(json);
        var stats = doc.RootElement[0].GetProperty("stats64");
        return (stats.GetProperty("rx").GetProperty("bytes").GetInt64(), stats.GetProperty("tx").GetProperty("bytes").GetInt64());
    }

    /// <summary>The host's TCP connections with their processes (ss -tnp run inside its namespace).</summary>
    public Task<string> SocketsAsync(string host) => IpAsync("netns", "exec", HubSide(host)[..^1], "ss", "-tnp");

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in _namespaces.AsEnumerable().Reverse())
        {
            await KillProcessesInAsync(ns);
            await ChildProcess.RunAsync("ip", ["netns", "delete", ns], timeout: TimeSpan.FromSeconds(30));
        }

        _dir.Dispose();
    }

    private string HubSide(string host) => Hosts.Contains(host) ? host + "x" : throw new ArgumentException($"{host} is not one of these hosts", nameof(host));

    private async Task BuildAsync(int count)
    {
        await AddNamespaceAsync(Hub);
        await IpAsync("-n", Hub, "link", "set", "lo", "up");
        await IpAsync("-n", Hub, "link", "add", Bridge, "type", "bridge");
        await IpAsync("-n", Hub, "addr", "add", "10.77.0.254/24", "dev", Bridge);
        await IpAsync("-n", Hub, "link", "set", Bridge, "up");
        for (var i = 0; i < count; i++)
        {
            var suffix = ((char)('a' + i)).ToString();
            var host = $"{Prefix}-{suffix}";
            await AddNamespaceAsync(host);
            await IpAsync("link", "add", $"{Prefix}-{suffix}x", "netns", Hub, "type", "veth", "peer", "name", "eth0", "netns", host);
            await IpAsync("-n", Hub, "link", "set", $"{Prefix}-{suffix}x", "master", Bridge, "up");
            await IpAsync("-n", host, "addr", "add", string.Create(CultureInfo.InvariantCulture, $"10.77.0.{i + 1}/24"), "dev", "eth0");
            await IpAsync("-n", host, "link", "set", "eth0", "up");
            await IpAsync("-n", host, "link", "set", "lo", "up");
        }

        // hydra calls its launcher as ssh: options first (-x), then the host, then the proxy's command line as words.
        // Each host also gets its own IPC namespace, as a real host has its own System V IPC: UCX's shared-memory
        // transports (posix, sysv, cma) reach a peer only when its boot id and IPC namespace are both this one's
        // (uct_sm_iface_is_reachable), and the boot id is the machine's. With one IPC namespace for all, UCX joins ranks
        // of different "hosts" through shared memory, and a test would have to restrict UCX to TCP (UCX_TLS=tcp) to
        // see their traffic on the links; with it, UCX uses TCP between hosts and shared memory within one, as on
        // real machines.
        await File.WriteAllTextAsync(HostLauncher, """
            #!/bin/sh
            while [ "${1#-}" != "$1" ]; do shift; done
            host=$1; shift
            exec ip netns exec "$host" unshare --uts --ipc sh -c 'hostname "$0" && exec sh -c "$1"' "$host" "$*"
            """.Replace("\r", "", StringComparison.Ordinal) + "\n");
        await File.WriteAllTextAsync(Mpiexec, $"#!/bin/sh\nexec ip netns exec {Hub} mpiexec.hydra \"$@\"\n");
        foreach (var script in new[] { HostLauncher, Mpiexec })
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async Task AddNamespaceAsync(string name)
    {
        await IpAsync("netns", "add", name);
        _namespaces.Add(name);
    }

    private static async Task KillProcessesInAsync(string ns)
    {
        for (var round = 0; round < 50; round++)
        {
            var r = await ChildProcess.RunAsync("ip", ["netns", "pids", ns], timeout: TimeSpan.FromSeconds(20));
            var pids = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
            if (pids.Count == 0)
            {
                return;
            }

            foreach (var pid in pids)
            {
                await ChildProcess.RunAsync("/bin/kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    private static async Task<string> IpAsync(params string[] args)
    {
        var r = await ChildProcess.RunAsync("ip", args, timeout: TimeSpan.FromSeconds(30));
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({r.ExitCode}): {r.Stderr.Trim()}");
        }

        return r.Stdout;
    }
}
