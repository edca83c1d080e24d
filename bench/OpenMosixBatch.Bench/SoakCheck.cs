using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Bench;

/// <summary>
/// The checking half of bench/soak.sh: <c>soak-check LEDGER QSTAT_JSON DATABASE WORK_DIR</c>, run once the queue drained
/// and the server stopped. Every task (array element) of every acknowledged submission must be in the server's
/// <c>qstat -x --json</c> listing, completed with exit 0, with exactly one terminal event (completed, failed or
/// deleted) in the job database's event log, and have written exactly its expected output. Reruns (requeues after a
/// lost node) are allowed and counted. Every node of the soak runs on this one host, which stays up through the faults
/// (rank and server kills, never a host): a task requeued there was restarted although its host never went away, which
/// the tasks' shepherds exist to prevent, so those tasks are counted apart and must be none. Prints one figure a line;
/// problems, a few of each, on stderr.
/// </summary>
public static class SoakCheck
{
    private const int ShownPerProblem = 10;

    public static int Run(string[] args)
    {
        var ledger = File.ReadLines(args[0]).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Where(f => f.Length == 8).Select(f => (Job: SoakJob.FromLedgerFields(f), Id: long.Parse(f[7], CultureInfo.InvariantCulture))).ToList();
        var listing = JsonSerializer.Deserialize(File.ReadAllText(args[1]), OmbJsonContext.Default.JobListResponse)!;
        var listed = new HashSet<long>();
        foreach (var row in listing.Jobs)
        {
            if (JobIds.TryParse(row.Id, out var parsed))
            {
                listed.Add(parsed.JobId);
            }
        }

        using var store = LiteDbJobStore.Open(args[2]);
        var stored = store.Load().Jobs.Concat(store.FinishedJobs(null)).ToDictionary(j => j.Id);
        var work = args[3];
        var problems = new Dictionary<string, List<string>>();
        void Problem(string kind, string what)
        {
            if (!problems.TryGetValue(kind, out var list))
            {
                problems[kind] = list = [];
            }

            list.Add(what);
        }

        int completed = 0, lost = 0, duplicated = 0, wrong = 0, failed = 0, reruns = 0, checkpointRequeues = 0, resumes = 0, dependencyViolations = 0, rerunOnHostUp = 0;
        foreach (var group in ledger.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            // The server answered the same id to two submissions: every task of the later ones is a duplicate.
            duplicated += group.Skip(1).Sum(e => e.Job.TaskCount);
            Problem("id acknowledged twice", $"{group.Key}: {string.Join(", ", group.Select(e => e.Job.Name))}");
        }

        foreach (var (soak, id) in ledger.DistinctBy(e => e.Id))
        {
            var job = stored.GetValueOrDefault(id);
            if (!listed.Contains(id) || job is null || job.Spec.Name != soak.Name)
            {
                lost += soak.TaskCount;
                Problem("lost", $"{soak.Name} id {id}: {(job is null ? "not in the database" : !listed.Contains(id) ? "not in qstat -x" : "the id names " + job.Spec.Name)}");
                continue;
            }

            var events = store.EventsOf(id);
            foreach (var task in job.Tasks)
            {
                var name = job.Spec.IsArray ? JobIds.FormatTask(id, task.Index) : id.ToString(CultureInfo.InvariantCulture);
                var terminal = events.Count(e => e.Kind is "completed" or "failed" or "deleted" && e.Detail.StartsWith(name + " ", StringComparison.Ordinal));
                if (!task.State.IsFinished())
                {
                    lost++;
                    Problem("lost", $"{soak.Name} {name}: still {task.State} after the drain ({task.Reason})");
                    continue;
                }

                if (task.Requeues > 0)
                {
                    rerunOnHostUp++;
                    Problem("rerun on a host that stayed up", $"{soak.Name} {name}: {task.Requeues} requeue(s), last: {RequeueEvents(events, name)}");
                }

                if (soak.Kind == SoakKind.Checkpoint)
                {
                    checkpointRequeues += task.Requeues;
                }
                else
                {
                    reruns += task.Requeues;
                }

                if (terminal != 1)
                {
                    duplicated += terminal > 1 ? 1 : 0;
                    lost += terminal == 0 ? 1 : 0;
                    Problem(terminal > 1 ? "duplicated" : "lost", $"{soak.Name} {name}: {terminal} terminal events: {string.Join(" | ", events.Select(e => e.Kind + " " + e.Detail))}");
                    continue;
                }

                if (task.State != JobState.Completed || task.ExitStatus != 0)
                {
                    failed++;
                    Problem("failed", $"{soak.Name} {name}: {task.State} exit {task.ExitStatus} ({task.Reason})");
                    continue;
                }

                var path = Path.Combine(work, soak.OutputOf(task.Index));
                var text = File.Exists(path) ? File.ReadAllText(path) : null;
                if (text is null || !soak.IsRightOutput(task.Index, text))
                {
                    wrong++;
                    Problem("wrong output", $"{soak.Name} {name}: {path} holds {(text is null ? "nothing (missing)" : JsonSerializer.Serialize(text))}, expected {JsonSerializer.Serialize(soak.ExpectedOutput(task.Index) ?? "the sum")}");
                    continue;
                }

                if (soak.Kind == SoakKind.Dependent && stored.GetValueOrDefault(soak.DependsOn) is { EndTime: { } ended } && task.DispatchTime < ended)
                {
                    dependencyViolations++;
                    Problem("dependency", $"{soak.Name} {name} dispatched {task.DispatchTime:O} before {soak.DependsOn} ended {ended:O}");
                }

                resumes += soak.Kind == SoakKind.Checkpoint ? SoakJob.ResumesIn(text) : 0;
                completed++;
            }
        }

        // Stored but never acknowledged: a submission the server committed as it was killed, before it could answer.
        // Not lost and not a duplicate (the retry is a job of its own); shown so that none goes unnoticed.
        var acknowledged = ledger.Select(e => e.Id).ToHashSet();
        var unacknowledged = stored.Values.Where(j => j.Spec.Name.StartsWith("soak", StringComparison.Ordinal) && !acknowledged.Contains(j.Id)).ToList();
        foreach (var j in unacknowledged)
        {
            Problem("stored but not acknowledged (not an error)", $"{j.Spec.Name} id {j.Id}: {j.State}");
        }

        foreach (var (kind, list) in problems)
        {
            Console.Error.WriteLine($"soak-check: {list.Count} {kind}:");
            foreach (var line in list.Take(ShownPerProblem))
            {
                Console.Error.WriteLine("  " + line);
            }
        }

        void Figure(string name, long value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
        Figure("ids_acknowledged", acknowledged.Count);
        Figure("ids_known_to_server", listed.Count);
        Figure("jobs_completed", completed);
        Figure("jobs_lost", lost);
        Figure("jobs_duplicated", duplicated);
        Figure("jobs_wrong_output", wrong + dependencyViolations);
        Figure("jobs_failed", failed);
        Figure("reruns", reruns);
        Figure("checkpoint_requeues", checkpointRequeues);
        Figure("tasks_rerun_on_hosts_that_stayed_up", rerunOnHostUp);
        Figure("checkpoint_resumes", resumes);
        Figure("stored_unacknowledged", unacknowledged.Count);
        return lost + duplicated + wrong + dependencyViolations + failed + rerunOnHostUp > 0 ? 1 : 0;
    }

    private static string RequeueEvents(IReadOnlyList<JobEvent> events, string name) =>
        string.Join(" | ", events.Where(e => e.Kind == "requeued" && e.Detail.StartsWith(name + " ", StringComparison.Ordinal)).Select(e => e.Detail));
}
