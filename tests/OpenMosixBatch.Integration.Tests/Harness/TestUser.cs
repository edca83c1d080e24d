using System.Globalization;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// An unprivileged account the test creates (and removes again if it created it), and a way to run omb as it.
/// Needs root; <see cref="SkipReason"/> says why a test cannot run otherwise.
/// </summary>
public sealed class TestUser : IDisposable
{
    private readonly bool _created;

    private TestUser(string name, uint uid, uint gid, bool created)
    {
        Name = name;
        Uid = uid;
        Gid = gid;
        _created = created;
    }

    public string Name { get; }

    public uint Uid { get; }

    public uint Gid { get; }

    public static string? SkipReason =>
        Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal) && GetUid() != 0
            ? "user-separation tests need root to create a second user (run ./run-tests.sh as root)"
            : null;

    public static async Task<TestUser> CreateAsync(string name)
    {
        var created = false;
        if ((await ChildProcess.RunAsync("id", ["-u", name])).ExitCode != 0)
        {
            var add = await ChildProcess.RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
            Assert.True(add.ExitCode == 0, "useradd failed: " + add);
            created = true;
        }

        var uid = uint.Parse((await ChildProcess.RunAsync("id", ["-u", name])).Stdout.Trim(), CultureInfo.InvariantCulture);
        var gid = uint.Parse((await ChildProcess.RunAsync("id", ["-g", name])).Stdout.Trim(), CultureInfo.InvariantCulture);
        return new TestUser(name, uid, gid, created);
    }

    /// <summary>Runs the real omb binary with this user's uid and gid and no supplementary groups.</summary>
    public Task<CommandResult> RunOmbAsync(string home, params string[] args) =>
        ChildProcess.RunAsync(
            "setpriv",
            [$"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", Repository.OmbBinary, .. args],
            new Dictionary<string, string?> { ["OMB_HOME"] = home, ["HOME"] = "/tmp", ["USER"] = Name, ["LOGNAME"] = Name },
            workingDirectory: "/tmp");

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

    public void Dispose()
    {
        if (_created)
        {
            ChildProcess.RunAsync("userdel", [Name]).GetAwaiter().GetResult();
        }
    }

    private static uint GetUid()
    {
        var status = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return status is null ? uint.MaxValue : uint.Parse(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
