using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// qsig: which tasks a signal reaches, and the state change of PBS Pro's suspend (R → S) and resume (S → R). A signal
/// goes to tasks whose process runs on a node (R, or S for a plain signal); a task between nodes (M) or ending (E)
/// is not signalled. The caller sends the signal to the tasks' nodes after the event is stored.
/// </summary>
public static class SignalRules
{
    /// <summary>The tasks <paramref name="signal"/> reaches, in index order (one element with <paramref name="arrayIndex"/>).</summary>
    public static IReadOnlyList<JobTask> Targets(Job job, int? arrayIndex, JobSignal signal)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(signal);
        return [.. job.Tasks.Where(t => (arrayIndex is null || t.Index == arrayIndex) && t.Node is not null && (signal.IsSuspend ? t.State == JobState.Running
            : signal.IsResume ? t.State == JobState.Suspended
            : t.State is JobState.Running or JobState.Suspended))];
    }

    public static JobTransition Signal(Job job, int? arrayIndex, JobSignal signal, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(signal);
        var what = arrayIndex is { } i ? JobIds.FormatTask(job.Id, i) : job.DisplayId;
        if (arrayIndex is { } index && job.Tasks.All(t => t.Index != index))
        {
            return JobTransition.Refused($"job {job.DisplayId} has no element [{index}]: check the indices with 'qstat -t {job.DisplayId}'");
        }

        var targets = Targets(job, arrayIndex, signal);
        if (targets.Count == 0)
        {
            var state = arrayIndex is { } j ? job.Tasks.First(t => t.Index == j).State : job.State;
            return JobTransition.Refused(signal.IsResume
                ? $"job {what} is not suspended ({state.Letter()}): qsig -s resume continues only suspended jobs (S)"
                : signal.IsSuspend && state == JobState.Suspended
                ? $"job {what} is already suspended: continue it with qsig -s resume {what}"
                : $"job {what} is not running ({state.Letter()}): qsig signals only running jobs; see its state with 'qstat {what}'");
        }

        var next = job;
        if (signal.IsSuspend || signal.IsResume)
        {
            var reason = signal.IsSuspend ? "suspended by " + by : null;
            var tasks = job.Tasks.Select(t => !targets.Contains(t) ? t
                : t with { State = signal.IsSuspend ? JobState.Suspended : JobState.Running, Reason = reason }).ToList();
            next = JobStateRules.Settle(job with { Tasks = tasks }, now, null);
            next = next with { Reason = next.State == JobState.Suspended ? reason : null };
        }

        var nodes = string.Join(',', targets.Select(t => t.Node!.First).Distinct(StringComparer.Ordinal));
        var (kind, detail) = signal.IsSuspend ? ("suspended", $"{what} suspended by {by} on {nodes}")
            : signal.IsResume ? ("resumed", $"{what} resumed by {by} on {nodes}")
            : ("signalled", $"{signal.Name} to {what} by {by} on {nodes}");
        return JobTransition.Done(next, new JobEvent(job.Id, now, kind, detail));
    }
}
