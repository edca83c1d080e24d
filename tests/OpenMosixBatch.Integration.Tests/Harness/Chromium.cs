using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// Debian's headless Chromium, started for one test with a scratch profile and every background service that could
/// reach the network turned off, driven over the DevTools protocol (<see cref="DevToolsPage"/>). Dispose stops exactly
/// this browser by its PID (SIGTERM, which ends its own helpers, then SIGKILL of its tree after a grace time).
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly int _port;

    private Chromium(Process process, TempDirectory profile, int port)
    {
        _process = process;
        _profile = profile;
        _port = port;
    }

    public int Pid => _process.Id;

    public static string? SkipReason => File.Exists(Executable) ? null : "chromium is not installed (run-tests.sh installs Debian's chromium)";

    public static async Task<Chromium> StartAsync(int width = 1400, int height = 900)
    {
        var profile = new TempDirectory();
        var info = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
            "--user-data-dir=" + profile.Path, "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-breakpad",
            "--disable-domain-reliability", "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
            "--metrics-recording-only", "--no-pings", "--hide-scrollbars", "--mute-audio", "--lang=en-US",
            string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"), "about:blank",
        })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TZ"] = "UTC";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + Executable);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("chromium exited before it listened:\n" + log));
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            const string Marker = "DevTools listening on ws://127.0.0.1:";
            if (e.Data.StartsWith(Marker, StringComparison.Ordinal))
            {
                var rest = e.Data[Marker.Length..];
                listening.TrySetResult(int.Parse(rest[..rest.IndexOf('/', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new Chromium(process, profile, port);
        }
        catch
        {
            await StopAsync(process);
            profile.Dispose();
            throw;
        }
    }

    /// <summary>A new tab, attached over its own DevTools WebSocket.</summary>
    public async Task<DevToolsPage> OpenPageAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{_port}/json/new?about:blank");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var target = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return await DevToolsPage.ConnectAsync(new Uri(target.RootElement.GetProperty("webSocketDebuggerUrl").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _process.Dispose();
        _profile.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        await ChildProcess.RunAsync("/bin/kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
