using System.Text;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Fast;
using OpenMosixBatch.Cli.Tests.Api.Http11;

namespace OpenMosixBatch.Cli.Tests.Fast;

/// <summary>
/// qsub in omb's small image (<see cref="QsubFastPath"/>): what it submits is byte for byte what the full CLI submits for
/// the same argv, its errors are the full CLI's, and whatever it does not read goes to the full CLI untouched.
/// </summary>
public sealed class QsubFastPathTests : IDisposable
{
    private const string Answer = "HTTP/1.1 200 OK\r\nContent-Length: 29\r\n\r\n{\"id\":42,\"displayId\":\"42.vm\"}";

    private readonly string _dir = Directory.CreateTempSubdirectory("omb-fast-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Script(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string[] WithScripts(string[] args) =>
        [.. args.Select(a => a.StartsWith('@') ? Script(a[1..], "#!/bin/sh\n#PBS -N fromscript\n#PBS -l walltime=00:10:00\n#PBS -l mem=1gb -W depend=afterok:7\necho hi\n") : a)];

    /// <summary>Runs argv through the full CLI and through the small image, each against a server of its own; returns both.</summary>
    private async Task<(Observed Full, Observed Fast)> BothAsync(string invoked, string[] argv, string? stdin = null)
    {
        var full = await ObserveAsync("full", (console, connect) => CliApp.RunAsync(invoked, argv, console, connect, CancellationToken.None), stdin);
        var fast = await ObserveAsync("fast", (console, connect) =>
            Task.FromResult(QsubFastPath.Run(invoked, argv, console, connect).ExitCode ?? -1), stdin);
        return (full, fast);
    }

    private async Task<Observed> ObserveAsync(string name, Func<CliConsole, Func<OmbApiClient>, Task<int>> run, string? stdin)
    {
        var socket = Path.Combine(_dir, name + ".sock");
        using var server = CannedHttpServer.OnUnixSocket(socket, Answer);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? string.Empty)), StdinIsTerminal: stdin is null);
        var code = await run(console, () => OmbApiClient.ForCommand(socket));
        return new Observed(code, output.ToString(), error.ToString(), [.. server.Requests.Select(Body)]);
    }

    private static string Body(string request) => request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    [Theory]
    [InlineData("--", "/bin/true")]
    [InlineData("-N", "one", "-q", "batch", "-l", "ncpus=2", "-l", "walltime=01:00:00", "--", "/bin/sh", "-c", "echo $0")]
    [InlineData("-h", "-V", "-v", "A=1,PATH", "-p", "5", "-r", "n", "-j", "oe", "-o", "out.txt", "--", "hostname")]
    [InlineData("-t", "1-10%2", "-W", "depend=afterany:3", "-c", "periodic=5", "--run-home", "--", "/bin/true")]
    [InlineData("@job.sh", "arg1", "arg2")]
    [InlineData("-N", "cmdline", "-l", "walltime=00:20:00", "@job.sh")]
    public async Task PlainQsub_SubmitsWhatTheFullCliSubmits(params string[] args)
    {
        var (full, fast) = await BothAsync("omb", ["qsub", .. WithScripts(args)]);

        Assert.Equal(0, full.ExitCode);
        Assert.Equal(full, fast);
        Assert.Single(fast.Bodies);
    }

    [Fact]
    public async Task QsubLink_ScriptOnStdin_SubmitsWhatTheFullCliSubmits()
    {
        var (full, fast) = await BothAsync("/usr/local/bin/qsub", ["-N", "piped"], "#!/bin/sh\n#PBS -l walltime=00:05:00\necho piped\n");

        Assert.Equal(0, full.ExitCode);
        Assert.Equal(full, fast);
        Assert.Contains("echo piped", fast.Bodies[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nonexistent/job.sh")]
    [InlineData("-l", "mem=lots", "--", "/bin/true")]
    [InlineData("-t", "5-1", "--", "/bin/true")]
    [InlineData("--")]
    public async Task BadPlainQsub_FailsAsTheFullCliFails(params string[] args)
    {
        var (full, fast) = await BothAsync("omb", ["qsub", .. args]);

        Assert.Equal(ExitCodes.BadUsage, full.ExitCode);
        Assert.Equal(full, fast);
        Assert.Empty(fast.Bodies);
    }

    [Fact]
    public async Task BadDirective_FailsAsTheFullCliFails()
    {
        var script = Script("bad.sh", "#!/bin/sh\n#PBS -l walltime=1:2:3:4:5\n#PBS -p 99999\necho\n");

        var (full, fast) = await BothAsync("omb", ["qsub", script]);

        Assert.Equal(ExitCodes.BadUsage, full.ExitCode);
        Assert.Equal(full, fast);
    }

    [Theory]
    [InlineData("omb", "--version")]
    [InlineData("omb", "qstat")]
    [InlineData("/bin/qdel", "42")]
    [InlineData("omb", "qsub", "--help")]
    [InlineData("omb", "qsub", "-I")]
    [InlineData("omb", "qsub", "-hV", "--", "/bin/true")]
    [InlineData("omb", "qsub", "-Nattached", "--", "/bin/true")]
    [InlineData("omb", "qsub", "-n", "--", "/bin/true")]
    [InlineData("omb", "qsub", "--server", "head:7070", "--", "/bin/true")]
    [InlineData("omb", "--server", "head:7070", "qsub", "--", "/bin/true")]
    [InlineData("/bin/qsub", "-N", "one", "-N", "twice", "--", "/bin/true")]
    public async Task NotPlain_GoesToTheFullCliUnread(string invoked, params string[] argv)
    {
        var fast = await ObserveAsync("fast", (console, connect) => Task.FromResult(QsubFastPath.Run(invoked, argv, console, connect) is { ExitCode: null, ReplayStdin: null } ? 0 : 1), "echo never read\n");

        Assert.Equal(new Observed(0, string.Empty, string.Empty, []), fast);
    }

    [Fact]
    public void DirectiveNotPlain_ScriptOnStdin_GoesToTheFullCliWithStdinToReplay()
    {
        const string script = "#!/bin/sh\n#PBS -Nattached\necho hi\n";
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, () => new MemoryStream(Encoding.UTF8.GetBytes(script)), StdinIsTerminal: false);

        var outcome = QsubFastPath.Run("omb", ["qsub"], console, () => throw new InvalidOperationException("must not connect"));

        Assert.Null(outcome.ExitCode);
        Assert.Equal(script, Encoding.UTF8.GetString(outcome.ReplayStdin!));
        Assert.Equal(string.Empty, output.ToString() + error);
    }

    [Fact]
    public void DirectiveNotPlain_ScriptFile_GoesToTheFullCliWithStdinUntouched()
    {
        var script = Script("attached.sh", "#!/bin/sh\n#PBS -l walltime=00:01:00\n#PBS -hV\necho hi\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, () => throw new InvalidOperationException("must not read stdin"), StdinIsTerminal: true);

        var outcome = QsubFastPath.Run("omb", ["qsub", script], console, () => throw new InvalidOperationException("must not connect"));

        Assert.Equal(FastPathOutcome.ToFullCli(), outcome);
    }

    /// <summary>What one run showed: exit code, stdout, stderr, and the request bodies the server received.</summary>
    private sealed record Observed(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> Bodies)
    {
        public bool Equals(Observed? other) =>
            other is not null && ExitCode == other.ExitCode && Stdout == other.Stdout && Stderr == other.Stderr && Bodies.SequenceEqual(other.Bodies);

        public override int GetHashCode() => HashCode.Combine(ExitCode, Stdout, Stderr, Bodies.Count);

        public override string ToString() => $"exit {ExitCode}, stdout [{Stdout}], stderr [{Stderr}], bodies [{string.Join(" | ", Bodies)}]";
    }
}
