using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>Submit, list, hold, release and delete through the real omb CLI against a real server.</summary>
public sealed class QueueRoundTripTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Omb Omb => fixture.Omb;

    [Fact]
    public async Task Qsub_Script_PrintsIdAloneAndQstatListsIt()
    {
        var id = await Omb.QsubAsync(Repository.Jobs("hello.sh"));

        Assert.Matches("^[0-9]+$", id);
        var table = await Omb.RunAsync("qstat");
        Assert.Equal(0, table.ExitCode);
        var row = table.Stdout.Split('\n').Single(l => l.StartsWith(id + " ", StringComparison.Ordinal) || l.StartsWith(id + ".", StringComparison.Ordinal));
        Assert.Contains("hello", row, StringComparison.Ordinal);
        Assert.Contains(" Q ", row, StringComparison.Ordinal);
        Assert.Contains("Job ID", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QstatFull_QueuedJob_ShowsTheReasonItIsNotRunning()
    {
        var id = await Omb.QsubAsync(Repository.Jobs("hello.sh"));

        var full = await PollAsync(id, s => s.Contains("comment", StringComparison.OrdinalIgnoreCase));

        Assert.Contains("Job_Name = hello", full, StringComparison.Ordinal);
        Assert.Contains("execution world", full, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HoldReleaseDelete_RoundTrip_ChangesStateAndKeepsFinishedInQstatX()
    {
        var id = await Omb.QsubAsync(Repository.Jobs("hello.sh"));

        Assert.Equal(0, (await Omb.RunAsync("qhold", id)).ExitCode);
        Assert.Equal('H', await StateOf(id));
        Assert.Equal(0, (await Omb.RunAsync("qrls", id)).ExitCode);
        Assert.Equal('Q', await StateOf(id));
        Assert.Equal(0, (await Omb.RunAsync("qdel", id)).ExitCode);

        var visible = await Omb.RunAsync("qstat", "--json");
        Assert.DoesNotContain(Deserialize(visible.Stdout).Jobs, j => j.Id == id);
        var all = await ServerFixture.AllJobsAsync(Omb);
        Assert.Equal('X', all.Single(j => j.Id == id).State);
    }

    [Fact]
    public async Task Qsub_HeldOption_SubmitsHeld()
    {
        var id = await Omb.QsubAsync("-h", Repository.Jobs("hello.sh"));

        Assert.Equal('H', await StateOf(id));
    }

    [Fact]
    public async Task Qsub_Array_PrintsArrayIdAndQstatTExpandsElements()
    {
        var id = await Omb.QsubAsync("-t", "1-5", Repository.Jobs("array.sh"));

        Assert.Matches(@"^[0-9]+\[\]$", id);
        var number = id[..^2];
        var expanded = await Omb.RunAsync("qstat", "-t", "--json");
        var rows = Deserialize(expanded.Stdout).Jobs.Where(j => j.Id.StartsWith(number + "[", StringComparison.Ordinal)).Select(j => j.Id).ToList();
        foreach (var i in Enumerable.Range(1, 5))
        {
            Assert.Contains($"{number}[{i}]", rows);
        }

        Assert.Equal(0, (await Omb.RunAsync("qdel", $"{number}[3]")).ExitCode);
        Assert.Equal(0, (await Omb.RunAsync("qdel", id)).ExitCode);
        var all = await ServerFixture.AllJobsAsync(Omb);
        Assert.Equal('X', all.Single(j => j.Id == id).State);
    }

    [Fact]
    public async Task Qsub_CommandLineOptions_OverrideDirectives()
    {
        using var dir = new TempDirectory();
        var script = dir.File("named.sh");
        await File.WriteAllTextAsync(script, "#!/bin/bash\n#PBS -N from-directive\n#PBS -q batch\n#PBS -p 5\necho hi\n");

        var id = await Omb.QsubAsync("-N", "from-cli", script);

        var full = (await Omb.RunAsync("qstat", "-f", id)).Stdout;
        Assert.Contains("Job_Name = from-cli", full, StringComparison.Ordinal);
        Assert.Contains("Priority = 5", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qsub_ScriptOnStdin_IsNamedStdin()
    {
        var r = await Omb.RunWithStdinAsync("#!/bin/bash\necho from stdin\n", "qsub");

        Assert.True(r.ExitCode == 0, r.ToString());
        var full = (await Omb.RunAsync("qstat", "-f", r.Stdout.Trim())).Stdout;
        Assert.Contains("Job_Name = STDIN", full, StringComparison.Ordinal);
    }

    /// <summary>
    /// omb's small image reads the plain lists; an attached value (-Nname) is the full CLI's to read, after the small
    /// image has already read the script from stdin: the full CLI must get the same script.
    /// </summary>
    [Fact]
    public async Task Qsub_ScriptOnStdinWithDirectivesOnlyTheFullCliReads_IsSubmittedWhole()
    {
        var r = await Omb.RunWithStdinAsync("#!/bin/bash\n#PBS -Nattached-name\n#PBS -l walltime=00:02:00\necho from stdin\n", "qsub", "-p", "3");

        Assert.True(r.ExitCode == 0, r.ToString());
        var full = (await Omb.RunAsync("qstat", "-f", r.Stdout.Trim())).Stdout;
        Assert.Contains("Job_Name = attached-name", full, StringComparison.Ordinal);
        Assert.Contains("Priority = 3", full, StringComparison.Ordinal);
        Assert.Contains("walltime = 00:02:00", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qsub_Command_AfterDoubleDash_IsAccepted()
    {
        var id = await Omb.QsubAsync("-l", "walltime=00:01:00", "--", "/bin/echo", "hello", "world");

        var full = (await Omb.RunAsync("qstat", "-f", id)).Stdout;
        Assert.Contains("echo", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qsub_DependencyOnKnownJob_WaitsForIt()
    {
        var first = await Omb.QsubAsync(Repository.Jobs("hello.sh"));

        var second = await Omb.QsubAsync("-W", "depend=afterok:" + first, Repository.Jobs("hello.sh"));

        Assert.Equal('W', await StateOf(second));
        var full = await PollAsync(second, s => s.Contains("afterok", StringComparison.Ordinal));
        Assert.Contains("afterok:" + first, full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryListing_HasJsonOutput()
    {
        var id = await Omb.QsubAsync(Repository.Jobs("hello.sh"));

        using var qstat = JsonDocument.Parse((await Omb.RunAsync("qstat", "--json")).Stdout);
        using var full = JsonDocument.Parse((await Omb.RunAsync("qstat", "-f", id, "--json")).Stdout);
        using var nodes = JsonDocument.Parse((await Omb.RunAsync("pbsnodes", "-a", "--json")).Stdout);

        Assert.Equal(JsonValueKind.Array, qstat.RootElement.GetProperty("jobs").ValueKind);
        Assert.Equal(JsonValueKind.Object, full.RootElement.ValueKind);
        Assert.True(nodes.RootElement.GetProperty("nodes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Pbsnodes_ListsConfiguredNodesWithCapacity()
    {
        var r = await Omb.RunAsync("pbsnodes", "-a");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("node1", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_CreatesPbsCommandsThatDispatchOnTheirName()
    {
        using var bin = new TempDirectory();
        Assert.Equal(0, (await Omb.RunAsync("link", bin.Path)).ExitCode);

        var r = await ChildProcess.RunAsync(
            Path.Combine(bin.Path, "qsub"),
            [Repository.Jobs("hello.sh")],
            new Dictionary<string, string?> { ["OMB_HOME"] = fixture.Home });

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches("^[0-9]+$", r.Stdout.Trim());
        foreach (var name in new[] { "qstat", "qdel", "qhold", "qrls", "pbsnodes" })
        {
            Assert.True(File.Exists(Path.Combine(bin.Path, name)), name + " not linked");
        }
    }

    private static JobListResponse Deserialize(string json) =>
        JsonSerializer.Deserialize(json, OmbJsonContext.Default.JobListResponse) ?? throw new InvalidOperationException("no json");

    private async Task<char> StateOf(string id)
    {
        var all = await ServerFixture.AllJobsAsync(Omb);
        return all.Single(j => j.Id == id).State;
    }

    private async Task<string> PollAsync(string id, Func<string, bool> until)
    {
        var start = TimeProvider.System.GetTimestamp();
        string last = "";
        while (TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(15))
        {
            var r = await Omb.RunAsync("qstat", "-f", id);
            last = r.Stdout;
            if (r.ExitCode == 0 && until(last))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        Assert.Fail($"qstat -f {id} never showed what was expected; last output:\n{last}");
        return last;
    }
}
