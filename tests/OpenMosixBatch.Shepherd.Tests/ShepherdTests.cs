using System.Globalization;
using System.Runtime.InteropServices;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Shepherd.Tests;

/// <summary>
/// omb-shepherd, run as the rank runs it: its refusals, the identity it gives the job, how it starts the job (no
/// shell, its environment exactly, its PATH), what it records, and that it outlives signals meant for its job.
/// </summary>
public sealed partial class ShepherdTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-shepherd-");

    private static readonly Dictionary<string, string> DefaultEnvironment = new() { ["PATH"] = "/usr/bin:/bin" };

    [Fact]
    public async Task Run_WithoutAProgram_RefusesInOneLineWithBadUsage_AndStartsNothing()
    {
        var run = await Run(["--record", Record, "--umask", "022", "--dir", "/", "--out", Out, "--err", Out, "--"]).WaitAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Errors.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("omb-shepherd: no program; usage:", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.False(File.Exists(Out));
    }

    [Theory]
    [InlineData("1001:1002", "1002")]
    [InlineData("alice", "1002")]
    [InlineData("-1:0:alice", "0")]
    [InlineData("1001:1002:", "1002")]
    [InlineData("1001:1002:alice", "")]
    [InlineData("1001:1002:alice", "1002,x")]
    public async Task Run_WithAMalformedIdentity_RefusesWithBadUsage_AndStartsNothing(string who, string groups)
    {
        var run = await Run(["--record", Record, "--as", who, "--groups", groups, "--umask", "022", "--dir", "/", "--out", Out, "--err", Out,
            "--", "/bin/true"]).WaitAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("omb-shepherd: malformed --", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
        Assert.Null(run.EndText);
    }

    [Fact]
    public async Task Run_IdentityWithoutGroups_IsRefused_SoNoJobKeepsTheShepherdsGroups()
    {
        var run = await Run(["--record", Record, "--as", "1001:1002:alice", "--umask", "022", "--dir", "/", "--out", Out, "--err", Out,
            "--", "/bin/true"]).WaitAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--as and --groups go together", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Job_RecordsItsStartAndItsExitCode_CpuTimeAndPeakMemory()
    {
        var run = await Run(Arguments("/bin/sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; exit 3")).WaitAsync();

        Assert.Equal(0, run.ExitCode);
        var start = ShepherdRecord.ParseStart(await File.ReadAllTextAsync(Record + ShepherdRecord.StartSuffix));
        Assert.NotNull(start);
        Assert.Equal(run.Process.Id, start.Value.ShepherdPid);
        Assert.Equal(run.JobPid, start.Value.JobPid);
        Assert.True(start.Value.ShepherdStartTicks > 0);
        var end = run.End;
        Assert.NotNull(end);
        Assert.Equal(3, end.ExitStatus);
        Assert.True(end.CpuTime > TimeSpan.Zero, run.EndText);
        Assert.True(end.PeakRssBytes > 0, run.EndText);
        Assert.Empty(Directory.GetFiles(_dir.FullName, "*.tmp"));
    }

    [Fact]
    public async Task Run_JobEndedBySignal_RecordsTheSignal_AsTheShellWouldReportIt()
    {
        var run = await Run(Arguments("/bin/sh", "-c", "kill -9 $$")).WaitAsync();

        Assert.Equal("signal 9", run.EndText!.Split('\n')[0]);
        Assert.Equal(128 + 9, run.End!.ExitStatus);
    }

    [Fact]
    public async Task Run_SignalToTheJobsGroup_EndsTheWholeGroup_ButNotTheShepherd_WhichRecordsIt()
    {
        var run = Run(Arguments("/bin/sh", "-c", "sleep 60 & sleep 60; wait"));
        var job = run.ReadJobPid();

        Assert.Equal(0, Kill(-job, 15));
        await run.WaitAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(128 + 15, run.End!.ExitStatus);
        Assert.True(await GroupGoneAsync(job), $"process group {job} still has a member 5 s after the job ended");
    }

    /// <summary>
    /// Polls until no process of the group is left: the shepherd waits for the job itself, and a member killed with it
    /// may stay a zombie until it is reaped (by the shepherd, or after the shepherd's exit by whoever inherits it),
    /// and a zombie still counts as the group's.
    /// </summary>
    private static async Task<bool> GroupGoneAsync(int group)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Kill(-group, 0) == 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        return true;
    }

    [Fact]
    public async Task Run_Environment_IsExactlyTheBlock_WithPwdTheDirectory_AndNoShellBetween()
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["A"] = "$(id) `id` ;x", ["OLDPWD"] = "/old", ["PWD"] = "/elsewhere" };

        var run = await Run(Arguments("/usr/bin/env"), env).WaitAsync();

        Assert.Equal(0, run.End!.ExitStatus);
        Assert.Equal(["A=$(id) `id` ;x", "PATH=/usr/bin:/bin", "PWD=" + _dir.FullName], (await File.ReadAllLinesAsync(Out)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_BareName_IsLookedUpInTheJobsDefaultEnvironmentAndAFileWithoutInterpreterLineRunsUnderSh()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir.FullName, "bin"));
        var script = Path.Combine(bin.FullName, "hello");
        await File.WriteAllTextAsync(script, "echo hello from $0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var run = await Run(Arguments("hello"), new Dictionary<string, string> { ["PATH"] = "/nonexistent:" + bin.FullName }).WaitAsync();

        Assert.Equal(0, run.End!.ExitStatus);
        Assert.Equal($"hello from {script}\n", await File.ReadAllTextAsync(Out));
    }

    [Fact]
    public async Task Run_ProgramNotFound_Ends127_SayingSoToTheRankAndInTheTasksStderr()
    {
        var run = await Run(Arguments("no-such-program-anywhere")).WaitAsync();

        Assert.Equal(127, run.End!.ExitStatus);
        Assert.Equal("omb-shepherd: cannot run no-such-program-anywhere: No such file or directory\n", run.Errors);
        Assert.Equal("omb-shepherd: cannot run no-such-program-anywhere: No such file or directory\n", await File.ReadAllTextAsync(Out));
    }

    [RootFact]
    public async Task Run_AsAnotherUser_SwitchesUidGidAndGroups_ThenOpensTheFilesWithItsRights()
    {
        File.SetUnixFileMode(_dir.FullName, (UnixFileMode)0x1ff | UnixFileMode.StickyBit);
        var args = AsNobody(Arguments("/bin/sh", "-c", "id -u; id -g; id -G; umask"));

        var run = await Run(args).WaitAsync();

        Assert.Equal(0, run.End!.ExitStatus);
        Assert.Equal($"{Nobody}\n{Nobody}\n{Nobody}\n0022\n", await File.ReadAllTextAsync(Out));
    }

    [RootFact]
    public async Task Run_AsAnotherUser_OutputWhereOnlyRootMayWrite_IsRefusedByTheKernel_AndNothingRuns()
    {
        // The directory is root's 0700: the user may not create a file there, though the shepherd is root.
        var closed = Directory.CreateDirectory(Path.Combine(_dir.FullName, "closed"));
        File.SetUnixFileMode(_dir.FullName, (UnixFileMode)0x1ed);
        File.SetUnixFileMode(closed.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var forbidden = Path.Combine(closed.FullName, "out");

        var run = await Run(AsNobody(Arguments("/usr/bin/touch", Path.Combine(_dir.FullName, "ran")).Select(a => a == Out ? forbidden : a))).WaitAsync();

        Assert.Equal(127, run.End!.ExitStatus);
        Assert.Equal($"omb-shepherd: cannot open {forbidden}: Permission denied\n", run.Errors);
        Assert.False(File.Exists(forbidden));
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "ran")));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string Record => Path.Combine(_dir.FullName, "1-0");

    private string Out => Path.Combine(_dir.FullName, "task.out");

    private List<string> Arguments(params string[] program) =>
        ["--record", Record, "--umask", "022", "--dir", _dir.FullName, "--out", Out, "--err", Out, "--", .. program];

    private static IEnumerable<string> AsNobody(IEnumerable<string> arguments) =>
        arguments.SelectMany(a => a == "--umask"
            ? ["--as", string.Create(CultureInfo.InvariantCulture, $"{Nobody}:{Nobody}:nobody"), "--groups", Nobody.ToString(CultureInfo.InvariantCulture), a]
            : new[] { a });

    private ShepherdRun Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ShepherdRun.Start(arguments, environment ?? DefaultEnvironment, Record);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
