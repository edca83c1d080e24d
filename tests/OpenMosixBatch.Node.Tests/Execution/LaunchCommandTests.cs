using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>The exec chain is built of argv elements only: job data never becomes shell text, nor reaches root's helpers' environment.</summary>
public sealed class LaunchCommandTests
{
    private static readonly LaunchTools Tools = new("/usr/bin/setsid", "/usr/bin/setpriv", "/usr/bin/env", "/bin/sh");

    private static readonly string[] Hostile =
    [
        "a;touch /tmp/x", "$(id)", "`id`", "'\"", "line\nbreak", "-rf", "--reuid=0",
    ];

    [Fact]
    public void Build_UserTask_SwitchesWithSetprivBeforeEnvAndShell()
    {
        var (program, args) = LaunchCommand.Build(Launch("/bin/true") with { RunAs = new RunAsDecision(true, true, 1001, 1002, "alice", null) }, Tools);

        Assert.Equal("/usr/bin/setsid", program);
        Assert.Equal(["/usr/bin/setpriv", "--reuid=1001", "--regid=1002", "--init-groups", "--", "/usr/bin/env", "-i", "--"], args.Take(8));
        Assert.Equal(["/bin/sh", "-c", LaunchCommand.Wrapper, "omb-task", "/o", "/e", "/w", "0022", "/bin/true"], args.Skip(args.IndexOf("/bin/sh")));
    }

    [Fact]
    public void Build_NoSwitch_RunsAsTheNodeWithoutSetpriv()
    {
        var (_, args) = LaunchCommand.Build(Launch("/bin/true") with { RunAs = new RunAsDecision(true, false, 1001, 1001, "alice", null) }, Tools);

        Assert.DoesNotContain(args, a => a.Contains("setpriv", StringComparison.Ordinal));
        Assert.Equal("/usr/bin/env", args[0]);
    }

    [Fact]
    public void Build_SwitchWithoutSetpriv_RefusesToStartNamingThePackage()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LaunchCommand.Build(
            Launch("/bin/true") with { RunAs = new RunAsDecision(true, true, 1001, 1001, "alice", null) }, Tools with { Setpriv = null }));

        Assert.Contains("util-linux", e.Message, StringComparison.Ordinal);
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

            var (_, args) = LaunchCommand.Build(launch, Tools);

            Assert.Single(args, a => a == "-c");
            Assert.Equal(LaunchCommand.Wrapper, args[args.IndexOf("-c") + 1]);
            Assert.Equal(["/o/" + bad, "/e/" + bad, "/w/" + bad, "0022", "/x/" + bad, bad, bad], args.Skip(args.IndexOf("omb-task") + 1));
            Assert.Contains("V=" + bad, args);
            // Nothing of the job comes before the switch: setpriv's options are the node's.
            Assert.DoesNotContain(args.Take(args.IndexOf("/usr/bin/env")), a => a.Contains(bad, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Build_EnvironmentNamesThatCannotExist_AreDropped_AndNamesAreSorted()
    {
        var env = new Dictionary<string, string> { ["B"] = "2", ["A=X"] = "1", [""] = "3", ["A"] = "1" };

        var (_, args) = LaunchCommand.Build(new TaskLaunch("/bin/true", [], "/", env, "/o", "/e"), Tools);

        Assert.Equal(["/usr/bin/env", "-i", "--", "A=1", "B=2", "/bin/sh"], args.Take(6));
    }

    [Fact]
    public void Build_RelativeWorkingDirectory_IsTakenFromTheRoot_SoCdpathCannotRedirectIt()
    {
        var (_, args) = LaunchCommand.Build(new TaskLaunch("/bin/true", [], "work", new Dictionary<string, string>(), "/o", "/e"), Tools);

        Assert.Equal("/work", args[args.IndexOf("omb-task") + 3]);
    }

    [Fact]
    public void Build_TheTasksUmask_IsPassedInOctal_NotTheRanks()
    {
        var (_, args) = LaunchCommand.Build(Launch("/bin/true") with { Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute }, Tools);

        Assert.Equal("0027", args[args.IndexOf("omb-task") + 4]);
        Assert.StartsWith("umask \"$4\" && ", LaunchCommand.Wrapper, StringComparison.Ordinal);
    }

    private static TaskLaunch Launch(string exe) => new(exe, [], "/w", new Dictionary<string, string>(), "/o", "/e");
}
