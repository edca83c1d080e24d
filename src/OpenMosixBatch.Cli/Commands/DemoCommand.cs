using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// omb demo: the product's main job in one command. Starts omb-server with a local MPI world (the embedded default
/// configuration: 4 nodes × 2 CPUs × 4 GiB) on a scratch OMB_HOME, submits the examples from jobs/ with the same verbs
/// a user types, shows qstat and pbsnodes while they run, and stops exactly the server it started (by PID, which stops
/// its world), whatever happens.
/// </summary>
public static partial class DemoCommand
{
    private const int SigTerm = 15;

    /// <summary>A loopback TCP port the kernel reports free (bound and released at once).</summary>
    private static int FreeLoopbackPort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static async Task<int> RunAsync(DemoOptions options, CliConsole console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var jobs = options.JobsDirectory ?? FindJobs()
            ?? throw CliFailureException.Usage("cannot find the example jobs: run from the repository, or give --jobs DIR");
        var server = Path.Combine(AppContext.BaseDirectory, ServerCommand.ServerExecutableName);
        if (!File.Exists(server))
        {
            throw CliFailureException.Usage($"{server} not found: build it with './omb' from the repository root");
        }

        var home = Directory.CreateTempSubdirectory("omb-demo-").FullName;
        Environment.SetEnvironmentVariable(OmbHome.EnvironmentVariable, home);
        var info = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--home");
        info.ArgumentList.Add(home);
        info.ArgumentList.Add("--world");
        // The demo's scratch world runs its examples as whoever runs the demo, root included: an administrator trying
        // the product as root would otherwise see every example refused (Omb:Security:AllowRootJobs is off by default).
        info.Environment["Omb__Security__AllowRootJobs"] = "true";
        // Prometheus metrics on loopback, on a port free now (Omb:Metrics:Listen is off by default).
        var metrics = FreeLoopbackPort();
        info.Environment["Omb__Metrics__Listen"] = $"127.0.0.1:{metrics}";
        // The web dashboard on loopback, on a port free now (Omb:Web:Listen is off by default).
        var dashboard = FreeLoopbackPort();
        info.Environment["Omb__Web__Listen"] = $"127.0.0.1:{dashboard}";
        var work = Directory.CreateDirectory(Path.Combine(home, "work")).FullName;
        using var process = Process.Start(info) ?? throw CliFailureException.Usage("could not start " + server);
        var log = File.CreateText(Path.Combine(home, "server.log"));
        process.OutputDataReceived += (_, e) => WriteLog(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForServerAsync(process, home, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"# omb demo: server pid {process.Id}, OMB_HOME={home}; waiting for its MPI world").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"# omb demo: Prometheus metrics at http://127.0.0.1:{metrics}/metrics").ConfigureAwait(false);
            await console.Out.WriteLineAsync($"# omb demo: web dashboard at http://127.0.0.1:{dashboard}/").ConfigureAwait(false);
            await WaitForWorldAsync(process, home, ct).ConfigureAwait(false);

            // Jobs are submitted from a scratch directory, so their output files land there, not here.
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = work;
            try
            {
                await ScriptAsync(jobs, work, console, ct).ConfigureAwait(false);
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }

            return ExitCodes.Success;
        }
        finally
        {
            if (!process.HasExited)
            {
                _ = Kill(process.Id, SigTerm);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            await console.Out.WriteLineAsync($"# server {process.Id} stopped (exit {process.ExitCode})").ConfigureAwait(false);
            lock (log)
            {
                log.Dispose();
            }

            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task ScriptAsync(string jobs, string work, CliConsole console, CancellationToken ct)
    {
        await StepAsync(console, ct, "pbsnodes", "-a").ConfigureAwait(false);

        // Six CPU-bound jobs fill six of the eight CPUs, so the 2-CPU "wide" job would take the cluster to 100%:
        // the 90% CPU threshold holds it back until some finish, and qstat -f says so.
        for (var i = 0; i < 6; i++)
        {
            await StepAsync(console, ct, "qsub", Path.Combine(jobs, "cpu-bound.sh"), "1500000").ConfigureAwait(false);
        }

        var hello = await StepAsync(console, ct, "qsub", Path.Combine(jobs, "hello.sh")).ConfigureAwait(false);
        await StepAsync(console, ct, "qsub", Path.Combine(jobs, "array.sh")).ConfigureAwait(false);
        var wide = await StepAsync(console, ct, "qsub", Path.Combine(jobs, "wide.sh")).ConfigureAwait(false);
        var after = await StepAsync(console, ct, "qsub", "-W", "depend=afterok:" + hello, "-N", "after-hello", Path.Combine(jobs, "hello.sh")).ConfigureAwait(false);
        var held = await StepAsync(console, ct, "qsub", "-h", "-N", "held", "--", "/bin/echo", "released").ConfigureAwait(false);
        await StepAsync(console, ct, "qsub", "-l", "select=1:ncpus=1:mem=64gb", Path.Combine(jobs, "hello.sh")).ConfigureAwait(false);

        // Let one admission pass compute the reasons.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TimeProvider.System, ct).ConfigureAwait(false);
        await StepAsync(console, ct, "qstat").ConfigureAwait(false);
        await StepAsync(console, ct, "qstat", "-t").ConfigureAwait(false);
        foreach (var id in new[] { hello, wide, after, held })
        {
            await CommentAsync(console, id, ct).ConfigureAwait(false);
        }

        await StepAsync(console, ct, "pbsnodes", "-a").ConfigureAwait(false);
        await StepAsync(console, ct, "qrls", held).ConfigureAwait(false);

        // Watch the queue drain: every job ends (C, F or X) once the world has run it.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, ct).ConfigureAwait(false);
            var left = await StepAsync(console, ct, "qstat").ConfigureAwait(false);
            if (left.Length == 0)
            {
                break;
            }
        }

        await StepAsync(console, ct, "qstat", "-x").ConfigureAwait(false);
        foreach (var file in Directory.GetFiles(work).Order(StringComparer.Ordinal).Where(f => new FileInfo(f).Length > 0).Take(8))
        {
            await console.Out.WriteLineAsync($"$ cat {Path.GetFileName(file)}").ConfigureAwait(false);
            await console.Out.WriteAsync(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    /// <summary>Until every node of the world the server launched has reported (pbsnodes shows none down).</summary>
    private static async Task WaitForWorldAsync(Process process, string home, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var client = OmbApiClient.ForCommand(OmbHome.SocketPath(home));
        while (true)
        {
            var nodes = (await client.ListNodesAsync(ct).ConfigureAwait(false)).Nodes;
            if (nodes.Count > 0 && nodes.All(n => n.Node.State != Core.Cluster.NodeState.Down))
            {
                return;
            }

            if (process.HasExited || Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
            {
                throw CliFailureException.Usage($"the MPI world did not come up: see {home}/server.log (is MPICH installed? apt-get install mpich)");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one verb as a user would type it, echoing the command; returns what it printed (a job id for qsub).</summary>
    private static async Task<string> StepAsync(CliConsole console, CancellationToken ct, params string[] argv)
    {
        await console.Out.WriteLineAsync("$ " + string.Join(' ', argv)).ConfigureAwait(false);
        var output = new StringWriter();
        var capture = console with { Out = output, StdinIsTerminal = true };
        var code = await CliApp.RunAsync("omb", argv, capture, ApiClientFactory.ForCurrentUser, ct).ConfigureAwait(false);
        var text = output.ToString();
        await console.Out.WriteAsync(text).ConfigureAwait(false);
        if (code != ExitCodes.Success)
        {
            await console.Out.WriteLineAsync($"(exit {code})").ConfigureAwait(false);
        }

        // The demo is watched as it runs: show each step now, not when stdout's buffer fills.
        await console.Out.FlushAsync(ct).ConfigureAwait(false);
        return text.Trim();
    }

    private static async Task CommentAsync(CliConsole console, string id, CancellationToken ct)
    {
        var output = new StringWriter();
        var capture = console with { Out = output, StdinIsTerminal = true };
        await CliApp.RunAsync("omb", ["qstat", "-f", id], capture, ApiClientFactory.ForCurrentUser, ct).ConfigureAwait(false);
        var lines = output.ToString().Split('\n');
        var name = lines.FirstOrDefault(l => l.Contains("Job_Name", StringComparison.Ordinal))?.Trim() ?? "";
        var comment = lines.FirstOrDefault(l => l.Contains("comment", StringComparison.Ordinal))?.Trim() ?? "comment = (none)";
        await console.Out.WriteLineAsync($"$ qstat -f {id}   # {name}: {comment}").ConfigureAwait(false);
        await console.Out.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task WaitForServerAsync(Process process, string home, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var client = OmbApiClient.ForCommand(OmbHome.SocketPath(home));
        while (true)
        {
            if (process.HasExited)
            {
                throw CliFailureException.Usage($"omb-server exited with {process.ExitCode} at start: see {home}/server.log");
            }

            try
            {
                await client.ListNodesAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (ServerUnreachableException) when (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, ct).ConfigureAwait(false);
            }
        }
    }

    private static string? FindJobs()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "jobs", "hello.sh")))
                {
                    return Path.Combine(dir.FullName, "jobs");
                }
            }
        }

        return null;
    }

    private static void WriteLog(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
