using System.Net;
using System.Net.Sockets;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Security;

/// <summary>
/// A real server listening on its Unix socket and on a free loopback TCP port, two unprivileged users with a home
/// directory each (where omb token writes ~/.omb/token), shared by the TCP tests of one class.
/// </summary>
public sealed class TcpServer : IAsyncLifetime
{
    private TempDirectory? _dir;
    private ServerProcess? _server;

    public string Home => _dir!.File("omb");

    public int Port { get; private set; }

    public string Address => $"127.0.0.1:{Port}";

    public ServerProcess Server => _server!;

    public TestUser? Alice { get; private set; }

    public TestUser? Bob { get; private set; }

    public string HomeOf(TestUser user) => _dir!.File(user.Name);

    public string TokenFileOf(TestUser user) => Path.Combine(HomeOf(user), ".omb", "token");

    public async Task InitializeAsync()
    {
        _dir = new TempDirectory();
        Port = FreeLoopbackPort();
        _server = await ServerProcess.StartAsync(Home, "--tcp-listen", Address);
        if (TestUser.SkipReason is not null)
        {
            return;
        }

        Alice = await TestUser.CreateAsync("omb-it-tcp-alice");
        Bob = await TestUser.CreateAsync("omb-it-tcp-bob");
        foreach (var user in new[] { Alice, Bob })
        {
            Directory.CreateDirectory(HomeOf(user));
            File.SetUnixFileMode(HomeOf(user), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var chown = await ChildProcess.RunAsync("chown", [$"{user.Uid}:{user.Gid}", HomeOf(user)]);
            Assert.True(chown.ExitCode == 0, "chown: " + chown);
        }
    }

    /// <summary>omb as <paramref name="user"/> with their own HOME, plus <paramref name="environment"/> (e.g. OMB_SERVER).</summary>
    public Task<CommandResult> RunAsAsync(TestUser user, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["HOME"] = HomeOf(user) };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            env[k] = v;
        }

        return user.RunOmbAsync(Home, env, args);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Alice?.Dispose();
        Bob?.Dispose();
        _dir?.Dispose();
    }

    /// <summary>A port nothing listens on right now (the kernel picks it; the server takes it a moment later).</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
