using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>
/// Every bad input gets one line on stderr naming the problem and the fix, its documented exit code
/// (1 refused, 2 bad usage or input, 3 server unreachable), and leaves the queue exactly as it was.
/// </summary>
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Omb Omb => fixture.Omb;

    [Theory]
    [InlineData("unknown option", 2, "bogus", "qsub", "--bogus", "@hello.sh")]
    [InlineData("size without meaning", 2, "lots", "qsub", "-l", "mem=lots", "@hello.sh")]
    [InlineData("impossible walltime", 2, "1:2:3:4:5", "qsub", "-l", "walltime=1:2:3:4:5", "@hello.sh")]
    [InlineData("negative cpus", 2, "ncpus", "qsub", "-l", "select=1:ncpus=-1", "@hello.sh")]
    [InlineData("no node that large", 2, "largest", "qsub", "-l", "select=1:ncpus=1:mem=10tb", "@hello.sh")]
    [InlineData("too many cpus", 2, "largest", "qsub", "-l", "nodes=1:ppn=512", "@hello.sh")]
    [InlineData("reversed array", 2, "5-1", "qsub", "-t", "5-1", "@hello.sh")]
    [InlineData("missing script", 2, "no-such-script.sh", "qsub", "/nonexistent/no-such-script.sh")]
    [InlineData("directory as script", 2, "/tmp", "qsub", "/tmp")]
    [InlineData("empty command", 2, "command", "qsub", "--")]
    [InlineData("dependency on unknown job", 2, "999999", "qsub", "-W", "depend=afterok:999999", "@hello.sh")]
    [InlineData("unknown dependency type", 2, "afterwards", "qsub", "-W", "depend=afterwards:1", "@hello.sh")]
    [InlineData("unknown queue", 2, "nosuchqueue", "qsub", "-q", "nosuchqueue", "@hello.sh")]
    [InlineData("unknown job for qdel", 1, "999999", "qdel", "999999")]
    [InlineData("unknown job for qhold", 1, "999999", "qhold", "999999")]
    [InlineData("unknown job for qrls", 1, "999999", "qrls", "999999")]
    [InlineData("malformed job id", 2, "abc", "qdel", "abc")]
    [InlineData("unknown job for qstat -f", 1, "999999", "qstat", "-f", "999999")]
    public async Task BadRequest_GetsOneLineAndExitCode_AndQueueUnchanged(string what, int exitCode, string named, params string[] args)
    {
        var before = await ServerFixture.AllJobsAsync(Omb);
        var resolved = args.Select(a => a.StartsWith('@') ? Repository.Jobs(a[1..]) : a).ToArray();

        var r = await Omb.RunAsync(resolved);

        Assert.True(r.ExitCode == exitCode, $"{what}: expected exit {exitCode}, got {r}");
        AssertOneLine(what, r.Stderr, named);
        Assert.Equal("", r.Stdout.Trim());
        var after = await ServerFixture.AllJobsAsync(Omb);
        Assert.Equal(before.Select(j => (j.Id, j.State)), after.Select(j => (j.Id, j.State)));
    }

    [Fact]
    public async Task BinaryFileAsScript_IsRefused()
    {
        using var dir = new TempDirectory();
        var binary = dir.File("a.out");
        await File.WriteAllBytesAsync(binary, [0x7f, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2, 3]);
        var before = await ServerFixture.AllJobsAsync(Omb);

        var r = await Omb.RunAsync("qsub", binary);

        Assert.True(r.ExitCode == 2, r.ToString());
        AssertOneLine("binary script", r.Stderr, "binary");
        Assert.Equal(before.Count, (await ServerFixture.AllJobsAsync(Omb)).Count);
    }

    [Fact]
    public async Task MalformedDirective_IsRefusedNamingIt()
    {
        using var dir = new TempDirectory();
        var script = dir.File("bad-directive.sh");
        await File.WriteAllTextAsync(script, "#!/bin/bash\n#PBS -l mem=plenty\necho hi\n");

        var r = await Omb.RunAsync("qsub", script);

        Assert.True(r.ExitCode == 2, r.ToString());
        AssertOneLine("malformed directive", r.Stderr, "plenty");
    }

    [Fact]
    public async Task ReleaseOfJobNotHeld_IsRefused()
    {
        var id = await Omb.QsubAsync(Repository.Jobs("hello.sh"));

        var r = await Omb.RunAsync("qrls", id);

        Assert.True(r.ExitCode == 1, r.ToString());
        AssertOneLine("release not held", r.Stderr, id);
    }

    [Fact]
    public async Task NoServer_ExitsThreeAndSaysHowToStartIt()
    {
        using var empty = new TempDirectory();

        var r = await new Omb(empty.Path).RunAsync("qstat");

        Assert.True(r.ExitCode == 3, r.ToString());
        AssertOneLine("no server", r.Stderr, "omb server");
    }

    [Theory]
    [InlineData("{ \"Omb\": { \"Admission\": { \"CpuThreshold\": ", "omb.json")]
    [InlineData("{ \"Omb\": { \"Admission\": { \"CpuThreshold\": 150 } } }", "CpuThreshold")]
    public async Task CorruptConfiguration_StopsTheServerWithOneLine(string content, string named)
    {
        using var dir = new TempDirectory();
        var conf = dir.File("omb.json");
        await File.WriteAllTextAsync(conf, content);

        var r = await ChildProcess.RunAsync(Repository.ServerBinary, ["--home", dir.Path, "--conf", conf], timeout: TimeSpan.FromSeconds(30));

        Assert.True(r.ExitCode == 2, r.ToString());
        AssertOneLine("corrupt conf", r.Stderr, named);
        Assert.False(File.Exists(Path.Combine(dir.Path, "omb.sock")), "a server with a bad configuration must not listen");
    }

    private static void AssertOneLine(string what, string stderr, string named)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{what}: expected one line on stderr, got {lines.Length}:\n{stderr}");
        Assert.Contains(named, lines[0], StringComparison.OrdinalIgnoreCase);
    }
}
