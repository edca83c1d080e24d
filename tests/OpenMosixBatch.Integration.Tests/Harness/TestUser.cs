using System.Globalization;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// An unprivileged account the test creates (and removes again if it created it, with the groups it created), and
/// a way to run omb as it. Needs root; <see cref="SkipReason"/> says why a test cannot run otherwise.
/// </summary>
public sealed class TestUser : IDisposable
{
    private static readonly Lazy<Task<string>> ReachableOmb = new(CopyOmbWhereUsersReachAsync);
    private readonly bool _created;
    private readonly IReadOnlyList<string> _createdGroups;

    private TestUser(string name, uint uid, uint gid, bool created, IReadOnlyList<string> createdGroups)
    {
        Name = name;
        Uid = uid;
        Gid = gid;
        _created = created;
        _createdGroups = createdGroups;
    }

    public string Name { get; }

    public uint Uid { get; }

    public uint Gid { get; }

    public static string? SkipReason =>
        Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal) && GetUid() != 0
            ? "user-separation tests need root to create a second user (run ./run-tests.sh as root)"
            : null;

    /// <summary>The user <paramref name="name"/>, created when missing, and a member of <paramref name="groups"/> (created when missing).</summary>
    public static async Task<TestUser> CreateAsync(string name, params string[] groups)
    {
        var createdGroups = new List<string>();
        foreach (var group in groups)
        {
            if ((await ChildProcess.RunAsync("getent", ["group", group])).ExitCode != 0)
            {
                var add = await ChildProcess.RunAsync("groupadd", ["--system", group]);
                Assert.True(add.ExitCode == 0, "groupadd failed: " + add);
                createdGroups.Add(group);
            }
        }

        var created = false;
        if ((await ChildProcess.RunAsync("id", ["-u", name])).ExitCode != 0)
        {
            var add = await ChildProcess.RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
            Assert.True(add.ExitCode == 0, "useradd failed: " + add);
            created = true;
        }

        if (groups.Length > 0)
        {
            var join = await ChildProcess.RunAsync("usermod", ["-a", "-G", string.Join(',', groups), name]);
            Assert.True(join.ExitCode == 0, "usermod -a -G failed: " + join);
        }

        var uid = uint.Parse((await ChildProcess.RunAsync("id", ["-u", name])).Stdout.Trim(), CultureInfo.InvariantCulture);
        var gid = uint.Parse((await ChildProcess.RunAsync("id", ["-g", name])).Stdout.Trim(), CultureInfo.InvariantCulture);
        return new TestUser(name, uid, gid, created, createdGroups);
    }

    /// <summary>The omb CLI at a path every user can execute (see <see cref="CopyOmbWhereUsersReachAsync"/>).</summary>
    public static Task<string> ReachableOmbAsync() => ReachableOmb.Value;

    /// <summary>Runs the real omb binary with this user's uid and gid and no supplementary groups.</summary>
    public Task<CommandResult> RunOmbAsync(string home, params string[] args) => RunOmbInAsync("/tmp", home, null, args);

    /// <summary>
    /// Runs omb as this user from <paramref name="directory"/> (qsub's submit directory), with <paramref name="environment"/>
    /// added to a minimal one. The binary is the repository's, or a copy where the user can reach it (see <see cref="CopyOmbWhereUsersReachAsync"/>).
    /// </summary>
    public async Task<CommandResult> RunOmbInAsync(string directory, string home, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["OMB_HOME"] = home, ["HOME"] = "/tmp", ["USER"] = Name, ["LOGNAME"] = Name };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        return await RunAsync([await ReachableOmb.Value, .. args], env, directory);
    }

    /// <summary>Runs a program as this user (uid, gid, no supplementary groups), e.g. to show what the user can read.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string?>? environment = null, string directory = "/tmp") =>
        ChildProcess.RunAsync("setpriv", [$"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--", .. command],
            environment ?? new Dictionary<string, string?> { ["HOME"] = "/tmp", ["PATH"] = "/usr/bin:/bin" }, workingDirectory: directory);

    /// <summary>A new directory of this user's (mode 0700 unless given) in <paramref name="parent"/>.</summary>
    public string Directory(string parent, string name, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)
    {
        var path = System.IO.Path.Combine(parent, name);
        System.IO.Directory.CreateDirectory(path);
        System.IO.File.SetUnixFileMode(path, mode);
        Own(path);
        return path;
    }

    /// <summary>Writes <paramref name="content"/> to a file of this user's (mode 0644).</summary>
    public string File(string path, string content)
    {
        System.IO.File.WriteAllText(path, content);
        System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Own(path);
        return path;
    }

    /// <summary>As <see cref="RunOmbAsync(string, string[])"/>, with more environment (e.g. HOME, OMB_SERVER) over the defaults.</summary>
    public Task<CommandResult> RunOmbAsync(string home, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["OMB_HOME"] = home, ["HOME"] = "/tmp", ["USER"] = Name, ["LOGNAME"] = Name };
        foreach (var (k, v) in environment)
        {
            env[k] = v;
        }

        return ChildProcess.RunAsync("setpriv", [$"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", Repository.OmbBinary, .. args], env, workingDirectory: "/tmp");
    }

    /// <summary>userdel's exit status when a process of the user is running.</summary>
    private const int UserInUse = 8;

    public void Dispose()
    {
        if (_created)
        {
            // userdel refuses (exit 8) while a process of the user still runs: a task the test's server just killed may
            // take a moment to be reaped, and a user left behind is never deleted by a later run (it did not create it).
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
            while (ChildProcess.RunAsync("userdel", [Name]).GetAwaiter().GetResult() is { ExitCode: UserInUse } && TimeProvider.System.GetUtcNow() < deadline)
            {
                Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System).GetAwaiter().GetResult();
            }
        }

        foreach (var group in _createdGroups)
        {
            ChildProcess.RunAsync("groupdel", [group]).GetAwaiter().GetResult();
        }
    }

    private void Own(string path)
    {
        var r = ChildProcess.RunAsync("chown", ["-h", $"{Uid}:{Gid}", path]).GetAwaiter().GetResult();
        Assert.True(r.ExitCode == 0, "chown failed: " + r);
    }

    /// <remarks>
    /// The repository (and so artifacts/omb) may live where other users cannot pass, e.g. under /root in a fresh CI
    /// clone. The CLI is one self-contained NativeAOT file, so a copy in a world-readable temporary directory is the same
    /// program; the repository itself is not opened up. Only the CLI needs this: the server and the world run as root.
    /// </remarks>
    private static async Task<string> CopyOmbWhereUsersReachAsync()
    {
        var probe = await ChildProcess.RunAsync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/usr/bin/test", "-x", Repository.OmbBinary]);
        if (probe.ExitCode == 0)
        {
            return Repository.OmbBinary;
        }

        var dir = new TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        var copy = dir.File("omb");
        System.IO.File.Copy(Repository.OmbBinary, copy);
        System.IO.File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return copy;
    }

    private static uint GetUid()
    {
        var status = System.IO.File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return status is null ? uint.MaxValue : uint.Parse(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
