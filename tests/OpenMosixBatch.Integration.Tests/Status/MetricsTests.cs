using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Status;

/// <summary>
/// GET /metrics on Omb:Metrics:Listen of a real server and world: every name passes <c>promtool check metrics</c>, and a
/// real Prometheus (Debian's, started here on a free loopback port with its own storage, stopped by PID) scrapes it
/// and answers queries for the jobs that ran, the nodes' CPUs and a migration made with omb migrate.
/// </summary>
[Collection("World")]
public sealed class MetricsTests
{
    private const long N = 4_000_000;

    [Fact]
    public async Task Metrics_PassPromtool_AndARealPrometheusSeesJobsNodesAndAMigration()
    {
        var port = FreePort();
        await using var w = await WorldServer.StartWithEnvironmentAsync(2, new Dictionary<string, string>
        {
            ["Omb__Security__AllowRootJobs"] = "true",
            ["Omb__Metrics__Listen"] = $"127.0.0.1:{port}",
        });
        var quick = await w.QsubAsync("-l", "walltime=00:01:00", "--", "/bin/true");
        Assert.Equal(JobState.Completed, (await w.WaitFinishedAsync(quick)).State);

        // A checkpointing task moved by omb migrate: one completed migration with its bytes and cost.
        var moving = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), N.ToString(CultureInfo.InvariantCulture));
        Job? job = null;
        await w.WaitForAsync(async () => (job = await w.JobAsync(moving)).State == JobState.Running && job.Tasks[0].SessionId is not null,
            TimeSpan.FromSeconds(60), $"job {moving} to start");
        var target = job!.Tasks[0].Node?.ToString() == "node1" ? "node2" : "node1";
        var migrate = await w.Omb.RunAsync("migrate", moving, target);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await w.WaitForAsync(async () => (await w.JobAsync(moving)).Tasks[0].Migrations == 1, TimeSpan.FromSeconds(90), $"job {moving} to move to {target}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        foreach (var name in new[]
        {
            "omb_jobs", "omb_queue_depth", "omb_nodes", "omb_node_cpus", "omb_node_memory_bytes", "omb_node_load1", "omb_job_submissions_total",
            "omb_task_starts_total", "omb_task_ends_total", "omb_job_wait_seconds_bucket", "omb_job_run_seconds_bucket", "omb_migrations_total",
            "omb_migration_bytes_total", "omb_migration_duration_seconds_bucket", "omb_checkpoints_total", "omb_admission_pass_duration_seconds_bucket",
            "omb_store_commit_duration_seconds_bucket",
        })
        {
            Assert.Contains("\n" + name + "{", "\n" + text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("user=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("root", text.Split('\n').Where(l => l.StartsWith("omb_", StringComparison.Ordinal)), StringComparer.Ordinal);
        var lint = await RunWithStdinAsync("promtool", ["check", "metrics"], text);
        Assert.True(lint.ExitCode == 0 && lint.Stdout.Trim().Length == 0 && lint.Stderr.Trim().Length == 0, "promtool check metrics: " + lint);

        using var dir = new TempDirectory();
        var prometheusPort = FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: omb
                static_configs:
                  - targets: ["127.0.0.1:{port}"]
            """);
        var prometheus = StartPrometheus(dir.Path, prometheusPort);
        try
        {
            var api = new Uri($"http://127.0.0.1:{prometheusPort}/api/v1/query");
            async Task<JsonElement[]> QueryAsync(string query)
            {
                try
                {
                    using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(api + "?query=" + Uri.EscapeDataString(query))));
                    return [.. doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone())];
                }
                catch (HttpRequestException)
                {
                    return [];
                }
            }

            static double Value(JsonElement series) => double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

            JsonElement[] ends = [];
            await w.WaitForAsync(async () => (ends = await QueryAsync("sum(omb_task_ends_total)")).Length == 1 && Value(ends[0]) >= 1,
                TimeSpan.FromSeconds(60), "Prometheus to scrape a job's end" + (prometheus.HasExited ? " (prometheus exited)" : ""));
            var submitted = await QueryAsync("sum(omb_job_submissions_total)");
            Assert.Equal(2, Value(Assert.Single(submitted)));
            var cpus = await QueryAsync("omb_node_cpus{kind=\"total\",node=\"node1\"}");
            Assert.Equal(2, Value(Assert.Single(cpus)));
            var moves = await QueryAsync("omb_migrations_total{cause=\"manual\"}");
            Assert.Equal(1, Value(Assert.Single(moves)));
            var starts = await QueryAsync("sum(omb_task_starts_total)");
            Assert.True(Value(Assert.Single(starts)) >= 3, "the quick job's start, the moving job's start and its resume on the target");
        }
        finally
        {
            if (!prometheus.HasExited)
            {
                prometheus.Kill();
            }

            await prometheus.WaitForExitAsync();
            prometheus.Dispose();
        }

        // Cleanup: on a quiet machine the moved job may have finished by now.
        var deleted = await w.Omb.RunAsync("qdel", moving);
        Assert.True(deleted.ExitCode == 0 || (await w.JobAsync(moving)).State.IsFinished(), "qdel of the moved job: " + deleted);
    }

    private static Process StartPrometheus(string dir, int port)
    {
        var info = new ProcessStartInfo("prometheus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "--config.file=" + Path.Combine(dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prometheus");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<CommandResult> RunWithStdinAsync(string program, string[] args, string stdin)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
