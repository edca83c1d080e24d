using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Demo;

/// <summary>
/// <c>./omb demo</c>, the README's first command, run whole as a newcomer runs it: its server and world come up, the
/// dashboard and the metrics answer at the addresses it prints while it runs, every example job ends, and it stops
/// exactly what it started and removes its scratch OMB_HOME.
/// </summary>
[Collection("World")]
public sealed partial class DemoTests
{
    [Fact]
    public async Task Demo_RunsTheExamples_ServesTheAddressesItPrints_AndCleansUp()
    {
        var info = new ProcessStartInfo(Repository.OmbBinary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        info.ArgumentList.Add("demo");
        info.Environment.Remove("OMB_HOME");
        var lines = new ConcurrentQueue<string>();
        var stderr = new ConcurrentQueue<string>();
        using var demo = Process.Start(info) ?? throw new InvalidOperationException("could not start omb demo");
        demo.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        demo.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.Enqueue(e.Data); } };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            // While the demo runs, what it prints must answer.
            var dashboard = await AddressAsync(lines, DashboardLine(), demo);
            var metrics = await AddressAsync(lines, MetricsLine(), demo);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using (var page = await http.GetAsync(dashboard))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains("omb_", await http.GetStringAsync(metrics), StringComparison.Ordinal);

            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await demo.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);   // only the demo's own tree: its server and world
                await demo.WaitForExitAsync();
            }
        }

        demo.WaitForExit();   // drains the output events
        var output = string.Join('\n', lines);
        Assert.True(demo.ExitCode == 0, $"omb demo exited {demo.ExitCode}:\n{output}\n{string.Join('\n', stderr)}");
        var finished = output[output.LastIndexOf("$ qstat -x", StringComparison.Ordinal)..];
        // Six CPU-bound jobs, hello, the array, the wide job, the dependent and the released one: all completed.
        Assert.True(CompletedRow().Count(finished) >= 11, "not every example completed:\n" + output);
        Assert.Matches(@"# server \d+ stopped \(exit 0\)", output);
        var home = HomeLine().Match(output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(home), output);
        Assert.False(Directory.Exists(home), $"the demo left its OMB_HOME {home}");
    }

    private static async Task<string> AddressAsync(ConcurrentQueue<string> lines, Regex pattern, Process demo)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success) is { } m)
            {
                return m.Groups[1].Value;
            }

            Assert.False(demo.HasExited, "omb demo ended before printing " + pattern + ":\n" + string.Join('\n', lines));
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
        }

        throw new TimeoutException("omb demo did not print " + pattern + " in 3 minutes:\n" + string.Join('\n', lines));
    }

    [GeneratedRegex(@"web dashboard at (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"Prometheus metrics at (http://127\.0\.0\.1:\d+/metrics)")]
    private static partial Regex MetricsLine();

    [GeneratedRegex(@"OMB_HOME=(\S+);")]
    private static partial Regex HomeLine();

    [GeneratedRegex(@"^\S+\s+.*\s+C\s+\S+\s*$", RegexOptions.Multiline)]
    private static partial Regex CompletedRow();
}
