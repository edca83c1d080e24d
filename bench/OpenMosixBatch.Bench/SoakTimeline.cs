using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Bench;

/// <summary>
/// <c>soak-timeline DATABASE [BUCKET_SECONDS]</c>: where a run's time went, from the timestamps the server recorded
/// (submitted, dispatched, started, ended) in a stopped server's job database. Prints one line per bucket (tasks
/// submitted, dispatched, started and ended in it, and how many were running and queued at its end), then figures:
/// the median and p95 of dispatched → started, of started → ended (overall and per kind of job) and of a task's end
/// to the next dispatch, then the task count, the span from first submission to last end and the tasks per second.
/// </summary>
public static class SoakTimeline
{
    public static int Run(string[] args)
    {
        using var store = LiteDbJobStore.Open(args[0]);
        var bucket = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10);
        var tasks = store.Load().Jobs.Concat(store.FinishedJobs(null)).SelectMany(j => j.Tasks.Select(t => (Job: j, Task: t))).ToList();
        if (tasks.Count == 0)
        {
            Console.Error.WriteLine("soak-timeline: no jobs in the database");
            return 1;
        }

        var origin = tasks.Min(x => x.Job.SubmitTime);
        int Slot(DateTimeOffset t) => (int)((t - origin) / bucket);
        var last = tasks.Max(x => Slot(x.Task.EndTime ?? x.Job.SubmitTime));
        var submitted = new int[last + 1];
        var dispatched = new int[last + 1];
        var started = new int[last + 1];
        var ended = new int[last + 1];
        foreach (var (job, task) in tasks)
        {
            submitted[Slot(job.SubmitTime)]++;
            if (task.DispatchTime is { } d)
            {
                dispatched[Math.Min(last, Slot(d))]++;
            }

            if (task.StartTime is { } s)
            {
                started[Math.Min(last, Slot(s))]++;
            }

            if (task.EndTime is { } e)
            {
                ended[Slot(e)]++;
            }
        }

        Console.WriteLine("# second submitted dispatched started ended running queued");
        int inSystem = 0, running = 0;
        for (var i = 0; i <= last; i++)
        {
            inSystem += submitted[i] - ended[i];
            running += started[i] - ended[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# {i * bucket.TotalSeconds,6:F0} {submitted[i],6} {dispatched[i],6} {started[i],6} {ended[i],6} {running,6} {inSystem - running,6}"));
        }

        void Step(string name, IEnumerable<TimeSpan> spans)
        {
            var ms = spans.Select(s => s.TotalMilliseconds).Order().ToArray();
            if (ms.Length > 0)
            {
                LatencyFigures.Print(name, ms);
            }
        }

        var done = tasks.Where(x => x.Task.State == JobState.Completed && x.Task.DispatchTime is not null && x.Task.StartTime is not null && x.Task.EndTime is not null).ToList();
        Step("dispatched_to_started", done.Select(x => x.Task.StartTime!.Value - x.Task.DispatchTime!.Value));
        Step("started_to_ended", done.Select(x => x.Task.EndTime!.Value - x.Task.StartTime!.Value));
        foreach (var kind in done.GroupBy(x => x.Job.Spec.Command.Count > 0 ? "command" : x.Job.Spec.IsArray ? "array" : x.Job.Spec.Dependencies.Count > 0 ? "dependent" : x.Job.Spec.Checkpoint is { Mode: CheckpointMode.Periodic } ? "checkpoint" : "script"))
        {
            Step("started_to_ended_" + kind.Key, kind.Select(x => x.Task.EndTime!.Value - x.Task.StartTime!.Value));
        }

        // How long a freed slot stays empty: from each end to the first dispatch after it (the server's reaction time
        // when work is waiting, plus the report's way from the node).
        var dispatches = done.Select(x => x.Task.DispatchTime!.Value).Order().ToArray();
        Step("ended_to_next_dispatch", done.Select(x => x.Task.EndTime!.Value).Select(e =>
        {
            var at = Array.BinarySearch(dispatches, e);
            at = at < 0 ? ~at : at;
            return at < dispatches.Length ? dispatches[at] - e : TimeSpan.Zero;
        }).Where(g => g < TimeSpan.FromSeconds(30)));
        var span = tasks.Max(x => x.Task.EndTime ?? origin) - origin;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tasks: {tasks.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first_submit_to_last_end_s: {span.TotalSeconds:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tasks_per_second: {tasks.Count / Math.Max(1, span.TotalSeconds):F1}"));
        return 0;
    }
}
