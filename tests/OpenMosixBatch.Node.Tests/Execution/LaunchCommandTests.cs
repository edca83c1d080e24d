using System.Text;
using CsCheck;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>
/// The exec chain is built of argv elements only: job data never becomes shell text, the job's environment is never an
/// argument (argv is public in /proc/PID/cmdline), and nothing of the job reaches root's helpers.
/// </summary>
public sealed class LaunchCommandTests
{
    private static readonly LaunchTools Tools = new("/opt/omb/omb-launch", "/bin/sh");

    private static readonly string[] Hostile =
    [
        "a;touch /tmp/x", "$(id)", "`id`", "'\"", "line\nbreak", "-rf", "--reuid=0",
    ];

    [Fact]
    public void Build_UserTask_IsOneExecOfOmbThatSwitchesToTheUser_ThenTheShell()
    {
        var (program, args, _) = LaunchCommand.Build(Launch("/bin/true") with { RunAs = new RunAsDecision(true, true, 1001, 1002, "alice", null) }, Tools);

        Assert.Equal("/opt/omb/omb-launch", program);
        Assert.Equal(["--as", "1001:1002:alice", "--"], args.Take(3));
        Assert.Equal(["/bin/sh", "-c", LaunchCommand.Wrapper, "omb-task", "/o", "/e", "/w", "0022", "/bin/true"], args.Skip(args.IndexOf("/bin/sh")));
    }

    [Fact]
    public void Build_NoSwitch_RunsAsTheNodeWithoutAnIdentity()
    {
        var (_, args, _) = LaunchCommand.Build(Launch("/bin/true") with { RunAs = new RunAsDecision(true, false, 1001, 1001, "alice", null) }, Tools);

        Assert.Equal(["--", "/bin/sh"], args.Take(2));
    }

    [Fact]
    public void Build_TheTasksUmask_IsPassedInOctal_NotTheRanks()
    {
        var (_, args, _) = LaunchCommand.Build(Launch("/bin/true") with { Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute }, Tools);

        Assert.Equal("0027", args[args.IndexOf("omb-task") + 4]);
        Assert.StartsWith("umask \"$4\" && ", LaunchCommand.Wrapper, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutOmbLaunchBesideTheNode_RefusesToStartSayingWhereItMustBe()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LaunchCommand.Build(Launch("/bin/true"), Tools with { TaskExec = null }));

        Assert.Contains(LaunchTools.TaskExecPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HostileStrings_AreEachOneWholeArgument_AndTheOnlyShellTextIsTheConstantWrapper()
    {
        foreach (var bad in Hostile)
        {
            var launch = new TaskLaunch("/x/" + bad, [bad, bad], "/w/" + bad, new Dictionary<string, string> { ["V"] = bad }, "/o/" + bad, "/e/" + bad)
            {
                RunAs = new RunAsDecision(true, true, 1001, 1001, "alice", null),
            };

            var (_, args, environment) = LaunchCommand.Build(launch, Tools);

            Assert.Single(args, a => a == "-c");
            Assert.Equal(LaunchCommand.Wrapper, args[args.IndexOf("-c") + 1]);
            Assert.Equal(["/o/" + bad, "/e/" + bad, "/w/" + bad, "0022", "/x/" + bad, bad, bad], args.Skip(args.IndexOf("omb-task") + 1));
            Assert.Equal("V=" + bad + "\0", Encoding.UTF8.GetString(environment));
            // Nothing of the job comes before the switch: omb-launch's options are the node's.
            Assert.DoesNotContain(args.Take(args.IndexOf("--")), a => a.Contains(bad, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Build_AnyEnvironment_IsInNoArgument_OnlyInTheBlockForStdin()
    {
        // Values long and odd enough not to occur in the chain's own arguments by chance.
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
    public void Build_RelativeWorkingDirectory_IsTakenFromTheRoot_SoCdpathCannotRedirectIt()
    {
        var (_, args, _) = LaunchCommand.Build(new TaskLaunch("/bin/true", [], "work", new Dictionary<string, string>(), "/o", "/e"), Tools);

        Assert.Equal("/work", args[args.IndexOf("omb-task") + 3]);
    }

    private static TaskLaunch Launch(string exe) => new(exe, [], "/w", new Dictionary<string, string>(), "/o", "/e");
}
