using System.Globalization;
using System.Runtime.InteropServices;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Shepherd.Tests;

/// <summary>
/// omb-shepherd --launcher, the node's long-lived launcher, driven by the rank's own <see cref="NodeLauncher"/>: it
/// starts tasks with the shepherd's launch (environment, identity, files as the user), records their ends as a
/// shepherd does, reports launch failures, outlives signals meant for its jobs, and ends once idle and unconnected.
/// </summary>
public sealed partial class NodeLauncherTests : IDisposable
{
    private const int Nobody = 65534;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> DefaultEnvironment = new() { ["PATH"] = "/usr/bin:/bin", ["GREETING"] = "hello world" };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-launcher-");
    private readonly NodeLauncher _launcher;

    public NodeLauncherTests()
    {
        _launcher = new NodeLauncher(Socket, ShepherdRun.Program);
    }

    [Fact]
    public async Task Start_Job_RunsWithExactlyItsEnvironment_AndRecordsItsEndNamingTheLauncher()
    {
        var (job, launcherPid, ended) = _launcher.Start(Arguments("1-0", "/bin/sh", "-c", "env | sort; exit 3"), EnvironmentBlock.Encode(DefaultEnvironment));

        var end = await ended.WaitAsync(Deadline);

        Assert.Equal(3, ShepherdRecord.ParseEnd(end.Record!)!.ExitStatus);
        Assert.Equal("", end.LaunchErrors);
        Assert.Equal(end.Record, await File.ReadAllTextAsync(Record("1-0") + ShepherdRecord.EndSuffix));
        var start = ShepherdRecord.ParseStart(await File.ReadAllTextAsync(Record("1-0") + ShepherdRecord.StartSuffix))!.Value;
        Assert.Equal(launcherPid, start.ShepherdPid);
        Assert.Equal(job, start.JobPid);
        Assert.NotEqual(job, launcherPid);
        Assert.Equal($"GREETING=hello world\nPATH=/usr/bin:/bin\nPWD={_dir.FullName}\n", await File.ReadAllTextAsync(Out("1-0")));
    }

    [Fact]
    public async Task Start_ManyTasks_OneLauncherHoldsThemAll_EachEndToItsOwnRecord()
    {
        var starts = Enumerable.Range(0, 20)
            .Select(i => _launcher.Start(Arguments($"2-{i}", "/bin/sh", "-c", $"exit {i}"), EnvironmentBlock.Encode(DefaultEnvironment)))
            .ToList();

        var ends = await Task.WhenAll(starts.Select(s => s.Ended)).WaitAsync(Deadline);

        Assert.Single(starts.Select(s => s.LauncherPid).Distinct());
        Assert.Equal(Enumerable.Range(0, 20), ends.Select(e => ShepherdRecord.ParseEnd(e.Record!)!.ExitStatus));
    }

    [Fact]
    public async Task Start_ProgramNotFound_Ends127_WithTheReasonForTheRank()
    {
        var (_, _, ended) = _launcher.Start(Arguments("3-0", "no-such-program-anywhere"), EnvironmentBlock.Encode(DefaultEnvironment));

        var end = await ended.WaitAsync(Deadline);

        Assert.Equal(127, ShepherdRecord.ParseEnd(end.Record!)!.ExitStatus);
        Assert.Equal("omb-shepherd: cannot run no-such-program-anywhere: No such file or directory\n", end.LaunchErrors);
    }

    [Fact]
    public async Task Start_MalformedOrder_IsRefused_AndStartsNothing()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            _launcher.Start(["--record", Record("4-0"), "--as", "alice", "--groups", "1", "--umask", "022", "--dir", "/", "--out", Out("4-0"), "--err", Out("4-0"), "--", "/bin/true"],
                EnvironmentBlock.Encode(DefaultEnvironment)));

        Assert.Contains("malformed launch order", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Out("4-0")));
        // The launcher serves on after a refusal.
        var (_, _, ended) = _launcher.Start(Arguments("4-1", "/bin/true"), EnvironmentBlock.Encode(DefaultEnvironment));
        Assert.Equal(0, ShepherdRecord.ParseEnd((await ended.WaitAsync(Deadline)).Record!)!.ExitStatus);
    }

    [Fact]
    public async Task Start_SignalToTheJobsGroup_EndsTheGroup_ButNotTheLauncher_WhichRecordsTheSignal()
    {
        var (job, launcherPid, ended) = _launcher.Start(Arguments("5-0", "/bin/sh", "-c", "sleep 60 & sleep 60; wait"), EnvironmentBlock.Encode(DefaultEnvironment));

        Assert.Equal(0, Kill(-job, 15));
        var end = await ended.WaitAsync(Deadline);

        Assert.Equal(128 + 15, ShepherdRecord.ParseEnd(end.Record!)!.ExitStatus);
        Assert.Equal(0, Kill(launcherPid, 0));
    }

    [Fact]
    public async Task Dispose_IdleLauncher_EndsAndRemovesItsSocket_AndTheNextLaunchStartsANewOne()
    {
        var (_, first, ended) = _launcher.Start(Arguments("6-0", "/bin/true"), EnvironmentBlock.Encode(DefaultEnvironment));
        await ended.WaitAsync(Deadline);

        _launcher.Dispose();

        Assert.True(await GoneAsync(first), $"the launcher {first} still runs with no task and no rank connected");
        Assert.False(File.Exists(Socket));
        using var next = new NodeLauncher(Socket, ShepherdRun.Program);
        var (_, second, again) = next.Start(Arguments("6-1", "/bin/true"), EnvironmentBlock.Encode(DefaultEnvironment));
        await again.WaitAsync(Deadline);
        Assert.NotEqual(first, second);
    }

    [RootFact]
    public async Task Start_AsAnotherUser_SwitchesUidGidAndGroups_ThenOpensTheFilesWithItsRights()
    {
        File.SetUnixFileMode(_dir.FullName, (UnixFileMode)0x1ff | UnixFileMode.StickyBit);
        var closed = Directory.CreateDirectory(Path.Combine(_dir.FullName, "closed"));
        File.SetUnixFileMode(closed.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var forbidden = Path.Combine(closed.FullName, "out");

        var (_, _, ran) = _launcher.Start(AsNobody(Arguments("7-0", "/bin/sh", "-c", "id -u; id -g; id -G; umask")), EnvironmentBlock.Encode(DefaultEnvironment));
        var (_, _, refused) = _launcher.Start(AsNobody(Arguments("7-1", "/usr/bin/touch", Path.Combine(_dir.FullName, "ran")).Select(a => a == Out("7-1") ? forbidden : a)),
            EnvironmentBlock.Encode(DefaultEnvironment));

        Assert.Equal(0, ShepherdRecord.ParseEnd((await ran.WaitAsync(Deadline)).Record!)!.ExitStatus);
        Assert.Equal($"{Nobody}\n{Nobody}\n{Nobody}\n0022\n", await File.ReadAllTextAsync(Out("7-0")));
        var end = await refused.WaitAsync(Deadline);
        Assert.Equal(127, ShepherdRecord.ParseEnd(end.Record!)!.ExitStatus);
        Assert.Equal($"omb-shepherd: cannot open {forbidden}: Permission denied\n", end.LaunchErrors);
        Assert.False(File.Exists(forbidden));
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "ran")));
    }

    public void Dispose()
    {
        _launcher.Dispose();
        _dir.Delete(recursive: true);
    }

    private string Socket => Path.Combine(_dir.FullName, "launcher.sock");

    private string Record(string name) => Path.Combine(_dir.FullName, name);

    private string Out(string name) => Path.Combine(_dir.FullName, name + ".out");

    private List<string> Arguments(string name, params string[] program) =>
        ["--record", Record(name), "--umask", "022", "--dir", _dir.FullName, "--out", Out(name), "--err", Out(name), "--", .. program];

    private static List<string> AsNobody(IEnumerable<string> arguments) =>
        [.. arguments.SelectMany(a => a == "--umask"
            ? ["--as", string.Create(CultureInfo.InvariantCulture, $"{Nobody}:{Nobody}:nobody"), "--groups", Nobody.ToString(CultureInfo.InvariantCulture), a]
            : new[] { a })];

    private static async Task<bool> GoneAsync(int pid)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // Gone, or a zombie its new parent has not reaped yet (it ended: what counts here).
        while (Kill(pid, 0) == 0 && !IsZombie(pid))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return true;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
