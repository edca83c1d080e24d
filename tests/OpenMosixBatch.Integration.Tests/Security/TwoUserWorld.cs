using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Security;

/// <summary>
/// A 1-rank world (root, allowing root's tasks as the harness's worlds do) and two unprivileged users created for the
/// tests, alice (also in group omb-ra-shared) and bob, each with a directory in the world's home: alice's 0700, bob's
/// 0755 so that alice can see bob's files but not write them. Null users when the tests cannot run (not root).
/// </summary>
public sealed class TwoUserWorld : IAsyncLifetime
{
    public const string SharedGroup = "omb-ra-shared";

    private WorldServer? _world;

    public WorldServer World => _world ?? throw new InvalidOperationException("world not started");

    public TestUser Alice { get; private set; } = null!;

    public TestUser Bob { get; private set; } = null!;

    public string AliceDir { get; private set; } = "";

    public string BobDir { get; private set; } = "";

    /// <summary>Runs qsub as <paramref name="user"/> in <paramref name="directory"/>; returns the job id it printed.</summary>
    public async Task<string> QsubAsync(TestUser user, string directory, params string[] args)
    {
        var r = await user.RunOmbInAsync(directory, World.Home, null, ["qsub", .. args]);
        Assert.True(r.ExitCode == 0, $"qsub as {user.Name}: {r}");
        return r.Stdout.Trim();
    }

    public async Task InitializeAsync()
    {
        if (TestUser.SkipReason is not null)
        {
            return;
        }

        Alice = await TestUser.CreateAsync("omb-ra-alice", SharedGroup);
        Bob = await TestUser.CreateAsync("omb-ra-bob");
        _world = await WorldServer.StartAsync(1);
        var users = Path.Combine(World.Home, "users");
        Directory.CreateDirectory(users);
        AliceDir = Alice.Directory(users, "alice");
        BobDir = Bob.Directory(users, "bob", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }

        // Users go after the world, so no task of theirs is left running when userdel runs.
        Alice?.Dispose();
        Bob?.Dispose();
    }
}
