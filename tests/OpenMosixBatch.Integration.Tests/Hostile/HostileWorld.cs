using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// The hostile-user set-up of issue 22: a root server with a two-rank world (2 CPUs and 4 GiB a node) and two
/// unprivileged users, mallory (the attacker) and victim (everyone else), each with a 0700 directory in the world's
/// home to submit from. The victim keeps a held job and a finished one, so that <see cref="VictimLedger"/> has
/// something to lose. Null users when the tests cannot run (not root).
/// </summary>
public sealed class HostileWorld : IAsyncLifetime
{
    private readonly int _nodes;
    private readonly string[] _serverArguments;
    private IReadOnlyDictionary<string, string>? _serverEnvironment;
    private WorldServer? _world;

    public HostileWorld()
        : this(2)
    {
    }

    private HostileWorld(int nodes, params string[] serverArguments)
    {
        _nodes = nodes;
        _serverArguments = serverArguments;
    }

    public WorldServer World => _world ?? throw new InvalidOperationException("world not started");

    public TestUser Mallory { get; private set; } = null!;

    public TestUser Victim { get; private set; } = null!;

    public string MalloryDir { get; private set; } = "";

    public string VictimDir { get; private set; } = "";

    /// <summary>A hostile world of its own, for a test that harms the server (the caller disposes it).</summary>
    public static Task<HostileWorld> StartAsync(int nodes = 2, params string[] serverArguments) =>
        StartAsync(new HostileWorld(nodes, serverArguments));

    /// <summary>
    /// A hostile world of its own whose server also gets <paramref name="environment"/> (configuration such as
    /// <c>Omb__Limits__MaxCheckpointSize</c>), for a test that needs a setting of its own (the caller disposes it).
    /// </summary>
    public static Task<HostileWorld> StartWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment) =>
        StartAsync(new HostileWorld(2) { _serverEnvironment = new Dictionary<string, string>(ServerProcess.RootJobsAllowed.Concat(environment)) });

    private static async Task<HostileWorld> StartAsync(HostileWorld world)
    {
        try
        {
            await world.InitializeAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs omb as <paramref name="user"/> from its directory, with <paramref name="args"/>.</summary>
    public Task<CommandResult> RunAsync(TestUser user, params string[] args) =>
        user.RunOmbInAsync(DirectoryOf(user), World.Home, null, args);

    /// <summary>qsub as <paramref name="user"/> from its directory; returns the id (fails the test if refused).</summary>
    public async Task<string> QsubAsync(TestUser user, params string[] args)
    {
        var r = await RunAsync(user, ["qsub", .. args]);
        Assert.True(r.ExitCode == 0, $"qsub as {user.Name}: {r}");
        return r.Stdout.Trim();
    }

    /// <summary>A script file of <paramref name="user"/>'s in its directory.</summary>
    public string Script(TestUser user, string name, string text) =>
        user.File(Path.Combine(DirectoryOf(user), name), text.ReplaceLineEndings("\n"));

    public string DirectoryOf(TestUser user) => ReferenceEquals(user, Mallory) ? MalloryDir : VictimDir;

    /// <summary>What the victim sees of its jobs now; compare with a later one to show nothing was lost or changed.</summary>
    public Task<VictimLedger> VictimLedgerAsync() => VictimLedger.TakeAsync(this);

    public async Task InitializeAsync()
    {
        if (TestUser.SkipReason is not null)
        {
            return;
        }

        // A suffix keeps concurrent runs from several checkouts off each other's accounts (one deletes what it made).
        var suffix = Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX") ?? "";
        Mallory = await TestUser.CreateAsync("omb-hx-mallory" + suffix);
        Victim = await TestUser.CreateAsync("omb-hx-victim" + suffix);
        _world = _serverEnvironment is not null ? await WorldServer.StartWithEnvironmentAsync(_nodes, _serverEnvironment)
            : _serverArguments.Length == 0 ? await WorldServer.StartAsync(_nodes)
            : await WorldServer.StartAsync(_nodes, 2, "4gb", _serverArguments);
        var users = Path.Combine(World.Home, "users");
        Directory.CreateDirectory(users);
        File.SetUnixFileMode(users, (UnixFileMode)0b111_101_101);
        MalloryDir = Mallory.Directory(users, "mallory");
        VictimDir = Victim.Directory(users, "victim");

        // The victim's standing work: one job held (kept queued), one finished.
        await QsubAsync(Victim, "-h", "-N", "victim-held", "--", "/bin/true");
        var done = await QsubAsync(Victim, "-N", "victim-done", "-j", "oe", "--", "/bin/echo", "victim's output");
        await World.WaitFinishedAsync(done);
    }

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }

        // Users go after the world, so no task of theirs is left running when userdel runs.
        Mallory?.Dispose();
        Victim?.Dispose();
    }
}
