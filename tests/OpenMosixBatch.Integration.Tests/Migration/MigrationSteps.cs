using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>Steps the migration tests share: where a task runs, node drains, what a task leaves on disk and in /proc.</summary>
internal static class MigrationSteps
{
    /// <summary>
    /// node1 promises 3 CPUs but is pinned to one core; node2 and node3 share the other. Three busy tasks started on
    /// node1 while the others are offline overload it, and the planner sees idle nodes once they come back.
    /// </summary>
    public const string OverloadedCluster = """
        {"defaults": {"cpus": 1, "memory": "2gb"},
         "nodes": [{"name": "node1", "cpus": 3, "cpuset": "0"}, {"name": "node2", "cpuset": "1"}, {"name": "node3", "cpuset": "1"}]}
        """;

    /// <summary>Planner ticks (1 s each) a task must stay put to count as not moved.</summary>
    public static readonly TimeSpan StayWindow = TimeSpan.FromSeconds(6);

    /// <summary>Waits until the job's task runs (state R with a session) and returns its node.</summary>
    public static async Task<string> RunningNodeAsync(WorldServer w, string id, TimeSpan? timeout = null)
    {
        Job? job = null;
        await w.WaitForAsync(async () => (job = await w.JobAsync(id)).State == JobState.Running && job.Tasks[0].SessionId is not null,
            timeout ?? TimeSpan.FromSeconds(60), $"job {id} to run");
        return job!.Tasks[0].Node!.ToString();
    }

    /// <summary>Runs an omb command that must succeed.</summary>
    public static async Task<CommandResult> OkAsync(WorldServer w, params string[] args)
    {
        var r = await w.Omb.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"omb {string.Join(' ', args)}: {r}");
        return r;
    }

    /// <summary>qdel of what is still there, so a failed assertion leaves no busy task for the next test's world.</summary>
    public static async Task QdelQuietlyAsync(WorldServer w, params string[] ids) => await w.Omb.RunAsync(["qdel", .. ids]);

    /// <summary>Keeps checking for <see cref="StayWindow"/> that the task runs on <paramref name="node"/> and never moved.</summary>
    public static async Task AssertStaysAsync(WorldServer w, string id, string node, string why)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StayWindow)
        {
            var job = await w.JobAsync(id);
            var task = job.Tasks[0];
            Assert.True(task.Migrations == 0 && task.Migration is null && task.Node?.ToString() == node && job.State == JobState.Running,
                $"job {id} {why}, but it is {job.State.Letter()} on {task.Node} after {task.Migrations} move(s){(task.Migration is { } m ? $", moving {m.From} -> {m.To}: {m.Reason}" : "")}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }
    }

    /// <summary>The job's task folders in every node's spool and its packed checkpoints in every node's store.</summary>
    public static IReadOnlyList<string> NodeLeftovers(WorldServer w, string id)
    {
        var spool = Path.Combine(w.Home, "spool");
        if (!Directory.Exists(spool))
        {
            return [];
        }

        return
        [
            .. Directory.EnumerateDirectories(spool, $"{id}-*", SearchOption.AllDirectories),
            .. Directory.EnumerateFiles(spool, $"{id}-*.tar", SearchOption.AllDirectories),
        ];
    }

    /// <summary>PIDs of live processes started for the job by this server (its id and this world's submit directory).</summary>
    public static IReadOnlyList<int> ProcessesOf(WorldServer w, string id)
    {
        var marks = new[] { $"OMB_JOB_ID={id}", $"OMB_SUBMIT_DIR={w.WorkDirectory}" };
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (marks.All(environment.Contains) && ProcStat.IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone while listed, or a kernel thread.
            }
        }

        return found;
    }

    /// <summary>The server's checkpoint store folder of the job (OMB_HOME/checkpoints/JOB).</summary>
    public static string StoreOf(WorldServer w, string id) => Path.Combine(w.Home, "checkpoints", id);
}
