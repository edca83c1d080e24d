using System.Diagnostics;
using System.Text;
using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// A real omb-server process on its own OMB_HOME. Dispose stops exactly this process (by PID), also when the test
/// failed; <see cref="KillHard"/> is the kill -9 of the crash tests.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string home)
    {
        _process = process;
        Home = home;
    }

    public string Home { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// The environment the harness's servers get unless a test gives its own: the tests submit as root, so their
    /// worlds allow root's tasks (off by default in the product; see RunAsUserTests for the refusal).
    /// </summary>
    public static IReadOnlyDictionary<string, string> RootJobsAllowed { get; } = new Dictionary<string, string> { ["Omb__Security__AllowRootJobs"] = "true" };

    public static Task<ServerProcess> StartAsync(string home, params string[] extraArgs) => StartAsync(home, RootJobsAllowed, extraArgs);

    public static async Task<ServerProcess> StartAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // Under the common umask 022 whatever the test runner's, as an administrator's shell starts it: the server must
        // keep its state private by itself (StateFilePermissionTests). exec keeps the PID the server's.
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("umask 022 && exec \"$0\" \"$@\"");
        info.ArgumentList.Add(Repository.ServerBinary);
        info.ArgumentList.Add("--home");
        info.ArgumentList.Add(home);
        foreach (var a in extraArgs)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["OMB_HOME"] = home;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start omb-server");
        var server = new ServerProcess(process, home);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>SIGKILL, as a crash would; waits until the process is gone.</summary>
    public async Task KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGTERM first, so a server with a world stops it and the ranks end their tasks; then SIGKILL to the whole tree
    /// this process started (server, mpiexec, ranks, tasks), whatever is left.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await ChildProcess.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], new Dictionary<string, string?>(), null, null);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        using var client = new OmbApiClient(OmbHome.SocketPath(Home));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"omb-server exited with {_process.ExitCode} before answering:\n{Output}");
            }

            try
            {
                await client.ListNodesAsync();
                return;
            }
            catch (ServerUnreachableException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
        }
    }
}
