using System.Text;
using CsCheck;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>
/// The shepherd's command is argv elements only, and no shell runs: job data never becomes shell text, the job's
/// environment is never an argument (argv is public in /proc/PID/cmdline), and nothing of the job comes among the
/// options the root shepherd acts on before the switch.
/// </summary>
public sealed class LaunchCommandTests
{
    private static readonly LaunchTools Tools = new("/opt/omb/omb-shepherd");

    private static readonly string[] Hostile =
    [
        "a;touch /tmp/x", "$(id)", "`id`", "'\"", "line\nbreak", "-rf", "--as", "--", "0:0:root",
    ];

    [Fact]
    public void Build_UserTask_IsOneShepherdThatSwitchesToTheUserAndItsGroups_ThenExecsTheProgram()
    {
        var launch = Launch("/bin/true") with { RunAs = new RunAsDecision(true, true, 1001, 1002, "alice", null), Groups = [1002, 27, 100] };

        var (program, args, _) = LaunchCommand.Build(launch, Tools);

        Assert.Equal("/opt/omb/omb-shepherd", program);
        Assert.Equal(["--record", "/r/1-0", "--as", "1001:1002:alice", "--groups", "1002,27,100", "--umask", "0022", "--dir", "/w",
            "--out", "/o", "--err", "/e", "--", "/bin/true"], args);
    }

    [Fact]
    public void Build_UserWithoutLookedUpGroups_GetsItsPrimaryGroupOnly()
    {
        var (_, args, _) = LaunchCommand.Build(Launch("/bin/true") with { RunAs = new RunAsDecision(true, true, 1001, 1002, "alice", null) }, Tools);

        Assert.Equal("1002", args[args.IndexOf("--groups") + 1]);
    }

    [Fact]
    public void Build_WithAnInputFifo_GivesItAsStdin_OrAsTheTerminalsInput_BeforeTheProgram()
    {
        var (_, plain, _) = LaunchCommand.Build(Launch("/bin/cat") with { InputPath = "/p/1.2.in" }, Tools);
        var (_, terminal, _) = LaunchCommand.Build(Launch("/bin/sh") with { InputPath = "/p/1.-1.in", Terminal = true }, Tools);
        var (_, none, _) = LaunchCommand.Build(Launch("/bin/cat"), Tools);

        Assert.Equal("--in /p/1.2.in -- /bin/cat", string.Join(' ', plain.TakeLast(4)));
        Assert.Equal("--pty /p/1.-1.in -- /bin/sh", string.Join(' ', terminal.TakeLast(4)));
        Assert.DoesNotContain("--in", none);
        Assert.DoesNotContain("--pty", none);
    }

    [Fact]
    public void Build_NoSwitch_RunsAsTheNodeWithoutAnIdentity()
    {
        var (_, args, _) = LaunchCommand.Build(Launch("/bin/true") with { RunAs = new RunAsDecision(true, false, 1001, 1001, "alice", null) }, Tools);

        Assert.DoesNotContain("--as", args.Take(args.IndexOf("--")));
        Assert.DoesNotContain("--groups", args.Take(args.IndexOf("--")));
    }

    [Fact]
    public void Build_TheTasksUmask_IsPassedInOctal_NotTheRanks()
    {
        var (_, args, _) = LaunchCommand.Build(Launch("/bin/true") with { Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute }, Tools);

        Assert.Equal("0027", args[args.IndexOf("--umask") + 1]);
    }

    [Fact]
    public void Build_WithoutTheShepherdBesideTheNode_RefusesToStartSayingWhereItMustBe()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LaunchCommand.Build(Launch("/bin/true"), Tools with { Shepherd = null }));

        Assert.Contains(LaunchTools.ShepherdPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HostileStrings_AreEachOneWholeArgument_InTheirPlace()
    {
        foreach (var bad in Hostile)
        {
            var launch = new TaskLaunch("/x/" + bad, [bad, bad], "/w/" + bad, new Dictionary<string, string> { ["V"] = bad }, "/o/" + bad, "/e/" + bad)
            {
                Record = "/r/1-0",
                RunAs = new RunAsDecision(true, true, 1001, 1001, "alice", null),
            };

            var (_, args, environment) = LaunchCommand.Build(launch, Tools);

            var options = args.Take(args.IndexOf("--") + 1).ToList();
            Assert.Equal(["--record", "/r/1-0", "--as", "1001:1001:alice", "--groups", "1001", "--umask", "0022", "--dir", "/w/" + bad,
                "--out", "/o/" + bad, "--err", "/e/" + bad, "--"], options);
            Assert.Equal(["/x/" + bad, bad, bad], args.Skip(options.Count));
            Assert.Equal("V=" + bad + "\0", Encoding.UTF8.GetString(environment));
        }
    }

    [Fact]
    public void Build_AnyEnvironment_IsInNoArgument_OnlyInTheBlockForStdin()
    {
        // Values long and odd enough not to occur in the shepherd's own arguments by chance.
        var value = Gen.String[Gen.Char.Where(c => c != '\0' && !char.IsSurrogate(c)), 8, 40];
        var name = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"], 1, 12];
        Gen.Dictionary(name, value)[1, 10].Sample(env =>
        {
            var launch = Launch("/bin/true") with { Environment = env, RunAs = new RunAsDecision(true, true, 1001, 1001, "alice", null) };

            var (program, args, block) = LaunchCommand.Build(launch, Tools);

            Assert.DoesNotContain(args.Prepend(program), a => env.Values.Any(v => a.Contains(v, StringComparison.Ordinal)));
            Assert.Equal(env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value),
                EnvironmentBlock.Decode(block).Select(e => Encoding.UTF8.GetString(e)));
        });
    }

    [Fact]
    public void Build_RelativeWorkingDirectory_IsTakenFromTheRoot()
    {
        var (_, args, _) = LaunchCommand.Build(Launch("/bin/true") with { WorkingDirectory = "work" }, Tools);

        Assert.Equal("/work", args[args.IndexOf("--dir") + 1]);
    }

    private static TaskLaunch Launch(string exe) => new(exe, [], "/w", new Dictionary<string, string>(), "/o", "/e") { Record = "/r/1-0" };
}
