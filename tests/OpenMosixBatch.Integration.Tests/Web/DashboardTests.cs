using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Web;

/// <summary>
/// The web dashboard of a real server and two-node world, in Debian's headless Chromium driven over the DevTools
/// protocol: every page loads with no console error and no request off the machine, the overview's figures are
/// pbsnodes' and qstat's, the plots have points, the migration page shows a real move as qstat -f records it, and a
/// user's login shows exactly their jobs with each waiting job's reason. A PNG of each page is written to artifacts/dashboard/ beside the test assembly.
/// </summary>
public sealed class DashboardTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");
    private static readonly char[] CountedStates = ['Q', 'H', 'R'];

    [RootFact]
    public async Task Pages_ShowTheClusterAsPbsnodesAndQstat_AndALoginShowsOnlyTheUsersJobs()
    {
        Assert.True(Chromium.SkipReason is null, Chromium.SkipReason);
        var port = FreeLoopbackPort();
        var site = $"http://127.0.0.1:{port}";
        var suffix = Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX") ?? "";
        using var alice = await TestUser.CreateAsync("omb-wd-alice" + suffix);
        using var bob = await TestUser.CreateAsync("omb-wd-bob" + suffix);
        await using var world = await WorldServer.StartWithEnvironmentAsync(2, new Dictionary<string, string>(ServerProcess.RootJobsAllowed)
        {
            ["Omb__Web__Listen"] = $"127.0.0.1:{port}",
            ["Omb__Web__SampleInterval"] = "00:00:01",
        });
        // A real move first (root's checkpointing job, moved with omb migrate), for the migration page to show.
        var moving = await world.QsubAsync(Repository.Jobs("ckpt-sum.sh"), "2000000", "10000", "1");
        Core.Jobs.Job? moved = null;
        await world.WaitForAsync(async () => (moved = await world.JobAsync(moving)).State == Core.Jobs.JobState.Running && moved.Tasks[0].SessionId is not null,
            TimeSpan.FromSeconds(60), $"job {moving} to start");
        var target = moved!.Tasks[0].Node?.ToString() == "node1" ? "node2" : "node1";
        var migrate = await world.Omb.RunAsync("migrate", moving, target);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await world.WaitForAsync(async () => (moved = await world.JobAsync(moving)).Tasks[0] is { Migrations: 1, State: Core.Jobs.JobState.Running },
            TimeSpan.FromSeconds(90), $"job {moving} to run on {target} after its move");
        var move = moved!.Tasks[0].LastMigration!;
        // Deleted once moved (its move stays on the page for the hour), so that the CPUs below are as they were without it.
        Assert.Equal(0, (await world.Omb.RunAsync("qdel", moving)).ExitCode);
        await world.WaitFinishedAsync(moving);

        var users = Path.Combine(world.Home, "users");
        Directory.CreateDirectory(users);
        File.SetUnixFileMode(users, (UnixFileMode)0b111_101_101);
        var aliceDir = alice.Directory(users, "alice");
        var bobDir = bob.Directory(users, "bob");

        // alice: one running, one waiting over the CPU threshold (2 + 2 of 4 CPUs > 90%), one held; bob: one running;
        // root: three that end at once, for the throughput plot.
        var aliceRunning = await QsubAsync(alice, aliceDir, world, "-N", "alice-run", "--", "/bin/sleep", "300");
        var bobRunning = await QsubAsync(bob, bobDir, world, "-N", "bob-run", "--", "/bin/sleep", "300");
        await world.WaitForAsync(async () => (await world.JobAsync(aliceRunning)).State == Core.Jobs.JobState.Running
            && (await world.JobAsync(bobRunning)).State == Core.Jobs.JobState.Running, TimeSpan.FromSeconds(60), "alice's and bob's jobs to run");
        var aliceWaiting = await QsubAsync(alice, aliceDir, world, "-N", "alice-wait", "-l", "select=1:ncpus=2", "--", "/bin/sleep", "300");
        var aliceHeld = await QsubAsync(alice, aliceDir, world, "-N", "alice-held", "-h", "--", "/bin/true");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await world.WaitFinishedAsync(await world.QsubAsync("-N", "quick", "--", "/bin/true"));
        }

        await using var browser = await Chromium.StartAsync();
        await using var page = await browser.OpenPageAsync();

        // Overview, before any login: pbsnodes' nodes, states and allocations, qstat's counts, and no job named.
        await page.NavigateAsync(site + "/");
        await page.WaitForAsync("document.body.dataset.loaded === 'true' && document.querySelectorAll('#nodes tbody tr').length === 2", "the overview's node rows");
        await EventuallyAsync(async () =>
        {
            var nodes = JsonSerializer.Deserialize((await world.Omb.RunAsync("pbsnodes", "--json")).Stdout, OmbJsonContext.Default.NodeListResponse)!.Nodes;
            var shown = await page.EvaluateAsync("[...document.querySelectorAll('#nodes tbody tr')].map(r => r.dataset.node + ' ' + r.cells[1].innerText + ' '"
                + " + r.cells[3].innerText + ' ' + r.cells[7].dataset.tasks).join('\\n')");
            var expected = string.Join('\n', nodes.Select(n => string.Create(CultureInfo.InvariantCulture,
                $"{n.Node.Name} {n.Node.State.ToString().ToLowerInvariant()} {n.Node.AllocatedCpus}/{n.Node.Cpus} {n.Tasks.Count}")));
            return (shown.GetString() == expected, $"overview nodes\n{shown}\nvs pbsnodes\n{expected}");
        });
        await EventuallyAsync(async () =>
        {
            var jobs = await AllJobsAsync(world);
            var shown = await page.EvaluateAsync("['queued','held','running'].map(k => document.querySelector('#count-' + k + ' b').innerText).join(' ')");
            var expected = string.Join(' ', CountedStates.Select(s => jobs.Count(j => j.State == s).ToString(CultureInfo.InvariantCulture)));
            return (shown.GetString() == expected, $"overview counts (Q H R) {shown} vs qstat {expected}");
        });
        var anonymousText = (await page.EvaluateAsync("document.body.innerText")).GetString()!;
        Assert.DoesNotContain("alice-run", anonymousText, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Name, anonymousText, StringComparison.Ordinal);
        Assert.Equal(0, (await page.EvaluateAsync("[...document.querySelectorAll('#nodes td.tasks')].filter(t => t.innerText.includes(':')).length")).GetInt32());
        await page.ScreenshotAsync(Path.Combine(Artifacts, "overview.png"));

        // Plots: five charts, each with points from the server's ring of samples.
        await page.NavigateAsync(site + "/plots");
        await page.WaitForAsync("typeof charts === 'object' && Object.keys(charts).length === 5 && Object.values(charts).every(c => c.data[0].length >= 5)",
            "five plots with at least five samples each", TimeSpan.FromSeconds(60));
        Assert.True((await page.EvaluateAsync("Math.max(...charts['chart-running'].data[1])")).GetInt32() >= 2, "the running-tasks plot never shows the two running jobs");
        Assert.True((await page.EvaluateAsync("charts['chart-util'].data[3].every(v => v === 90)")).GetBoolean(), "the CPU threshold line is not at 90%");
        await page.ScreenshotAsync(Path.Combine(Artifacts, "plots.png"));

        // Migrations: the move as qstat -f records it (from -> to, bytes, cost), its task id hidden before a login.
        await page.NavigateAsync(site + "/migrations");
        await page.WaitForAsync("document.body.dataset.loaded === 'true' && document.querySelectorAll('#moves tbody tr[data-from]').length >= 1", "the migration table");
        var qstatMove = (await world.Omb.RunAsync("qstat", "-f", moving)).Stdout.Split('\n').Single(l => l.Contains("last_migration = ", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{move.From} -> {move.To} in {(long)move.Cost.TotalMilliseconds} ms, {move.Bytes} bytes"), qstatMove,
            StringComparison.Ordinal);
        var shownMove = (await page.EvaluateAsync("[...document.querySelectorAll('#moves tbody tr[data-from]')].map(r => [r.cells[1].innerText, r.dataset.from, "
            + "r.dataset.to, r.cells[2].innerText, r.dataset.bytes, r.dataset.costMs, r.cells[4].innerText, r.cells[5].innerText].join('|')).join('\\n')")).GetString();
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"(log in to see)|{move.From}|{move.To}|{move.From}→{move.To}|{move.Bytes}|{move.Cost.TotalMilliseconds:0}|{move.Cost.TotalSeconds:0.00} s|done"), shownMove);
        Assert.True((await page.EvaluateAsync("document.querySelector('#migrations-note').innerText.startsWith('1 moves in all')")).GetBoolean(), "the count of moves");
        await page.ScreenshotAsync(Path.Combine(Artifacts, "migrations.png"));

        // Jobs: a login form until alice logs in with her token, then her jobs only, with the waiting job's reason.
        await page.NavigateAsync(site + "/jobs");
        await page.WaitForAsync("document.body.dataset.loaded === 'true' && !document.getElementById('login').hidden", "the login form");
        await page.ScreenshotAsync(Path.Combine(Artifacts, "jobs-login.png"));
        var token = await IssueTokenAsync(alice, aliceDir, world);
        await page.EvaluateAsync($"document.getElementById('token').value = {JsonSerializer.Serialize(token)}; document.getElementById('login').requestSubmit(); true");
        await page.WaitForAsync("!document.getElementById('joblist').hidden && document.querySelectorAll('#jobtable tbody tr').length > 0", "alice's job list");
        var aliceJobs = JsonSerializer.Deserialize((await alice.RunOmbInAsync(aliceDir, world.Home, null, "qstat", "-x", "--json")).Stdout, OmbJsonContext.Default.JobListResponse)!.Jobs;
        var shownIds = (await page.EvaluateAsync("[...document.querySelectorAll('#jobtable tbody tr')].map(r => r.dataset.id)")).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(aliceJobs.Select(j => j.Id).Order(), shownIds.Order());
        Assert.Equal([aliceRunning, aliceWaiting, aliceHeld], shownIds.Order());
        Assert.DoesNotContain(bobRunning, shownIds);
        Assert.Equal($"{alice.Name}", (await page.EvaluateAsync("document.getElementById('user').innerText")).GetString());
        await EventuallyAsync(async () =>
        {
            var reason = (await world.JobAsync(aliceWaiting)).Reason;
            var shown = (await page.EvaluateAsync($"document.querySelector('#jobtable tr[data-id=\"{aliceWaiting}\"] td.reason').innerText")).GetString();
            return (!string.IsNullOrEmpty(reason) && shown == reason, $"the waiting job's reason: page '{shown}', qstat -f '{reason}'");
        });
        await page.ScreenshotAsync(Path.Combine(Artifacts, "jobs.png"));

        // Back on the overview, logged in: alice's running task is named on its node, bob's is not.
        await page.NavigateAsync(site + "/");
        await page.WaitForAsync("document.body.dataset.loaded === 'true' && document.querySelectorAll('#nodes tbody tr').length === 2", "the overview again");
        var named = (await page.EvaluateAsync("[...document.querySelectorAll('#nodes td.tasks')].flatMap(t => t.innerText.includes(': ') ? "
            + "t.innerText.split(': ')[1].split(' — ')[0].split(', ') : [])")).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal([aliceRunning], named);
        await page.ScreenshotAsync(Path.Combine(Artifacts, "overview-alice.png"));

        // alice sees root's move, but not whose task it was.
        await page.NavigateAsync(site + "/migrations");
        await page.WaitForAsync("document.body.dataset.loaded === 'true' && document.querySelectorAll('#moves tbody tr[data-from]').length >= 1", "the migration table, logged in");
        Assert.Equal("(log in to see)", (await page.EvaluateAsync("document.querySelector('#moves tbody tr[data-from]').cells[1].innerText")).GetString());

        Assert.Empty(page.Errors);
        Assert.All(page.Requests, url => Assert.True(url.StartsWith(site + "/", StringComparison.Ordinal) || url == "about:blank" || url.StartsWith("data:", StringComparison.Ordinal),
            "a request left the dashboard's loopback address: " + url));
        Assert.Contains(page.Requests, url => url == site + "/assets/uplot/uPlot.iife.min.js");
    }

    private static async Task<string> QsubAsync(TestUser user, string directory, WorldServer world, params string[] args)
    {
        var r = await user.RunOmbInAsync(directory, world.Home, null, ["qsub", .. args]);
        Assert.True(r.ExitCode == 0, $"qsub as {user.Name}: {r}");
        return r.Stdout.Trim();
    }

    /// <summary>omb token as the user, with <paramref name="directory"/> as HOME; returns the token it wrote.</summary>
    private static async Task<string> IssueTokenAsync(TestUser user, string directory, WorldServer world)
    {
        var r = await user.RunOmbInAsync(directory, world.Home, new Dictionary<string, string> { ["HOME"] = directory }, "token");
        Assert.True(r.ExitCode == 0, $"omb token as {user.Name}: {r}");
        return (await File.ReadAllTextAsync(Path.Combine(directory, ".omb", "token"))).Trim();
    }

    private static async Task<IReadOnlyList<JobSummary>> AllJobsAsync(WorldServer world) =>
        JsonSerializer.Deserialize((await world.Omb.RunAsync("qstat", "--json")).Stdout, OmbJsonContext.Default.JobListResponse)!.Jobs;

    /// <summary>The page refreshes every 2 s, so a figure is compared until it matches or 20 s have passed.</summary>
    private static async Task EventuallyAsync(Func<Task<(bool Ok, string Detail)>> check)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (ok, detail) = await check();
            if (ok)
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), detail);
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
