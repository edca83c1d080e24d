using System.Globalization;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// qalter: a job none of whose tasks has started takes any change the submission would have accepted (checked by the
/// submission's own validator, so a request no node can hold is refused naming the largest node); a started job only
/// a new walltime or cput, which its owner may lower and only an administrator raise (PBS Pro's rule).
/// </summary>
/// <remarks>A refusal changes nothing: the job is returned as it was, whatever part of the change was acceptable.</remarks>
public static class AlterRules
{
    public static AlterDecision Alter(Job job, JobAlteration change, AlterContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(context);
        if (change.IsEmpty)
        {
            return AlterDecision.Invalid("nothing to change: give at least one option, e.g. qalter -l walltime=01:00:00 42");
        }

        if (job.State.IsFinished())
        {
            return AlterDecision.Refused($"job {job.DisplayId} has already finished ({job.State.Letter()}): there is nothing to alter");
        }

        var resources = ResourceListParser.Apply(job.Spec.Resources, change.ResourceLists, keepUnknown: true);
        if (!resources.Ok)
        {
            return AlterDecision.Invalid(resources.Error!);
        }

        return job.Tasks.All(t => t.State == JobState.Queued)
            ? AlterWaiting(job, change, resources.Value!, context, now)
            : AlterStarted(job, change, resources.Value!, context, now);
    }

    private static AlterDecision AlterWaiting(Job job, JobAlteration change, ResourceRequest resources, AlterContext context, DateTimeOffset now)
    {
        var spec = job.Spec;
        if (change.ArrayLimit is not null && spec.Array is null)
        {
            return AlterDecision.Invalid($"job {job.DisplayId} is not an array: -t %N limits the elements of an array that run at once");
        }

        var altered = spec with
        {
            Name = change.Name ?? spec.Name,
            Priority = change.Priority ?? spec.Priority,
            Resources = RequestResolution.Resolve(resources, context.DefaultMemoryPerChunk, context.IgnoredResources),
            Dependencies = change.Dependencies ?? spec.Dependencies,
            OutputPath = change.OutputPath ?? spec.OutputPath,
            ErrorPath = change.ErrorPath ?? spec.ErrorPath,
            Array = change.ArrayLimit is { } limit ? spec.Array! with { MaxConcurrent = limit } : spec.Array,
            Checkpoint = change.Checkpoint ?? spec.Checkpoint,
        };

        // A job may not come to depend on itself, directly or through a chain: it would wait for ever.
        if (altered.Dependencies.Any(d => d.JobId == job.Id || DependsOn(d.JobId, job.Id, context.Lookup, 0)))
        {
            return AlterDecision.Invalid($"job {job.DisplayId} would wait for itself: drop the dependency on {job.Id} or on the jobs that wait for it");
        }

        if (context.Validate(altered) is { } problem)
        {
            return AlterDecision.Invalid(problem);
        }

        var next = job with { Spec = altered, UserHold = change.Hold ?? job.UserHold };
        if (change.Dependencies is not null)
        {
            next = next with { DependenciesMet = altered.Dependencies.Count == 0 };
            if (JobStateRules.RefreshDependencies(next, context.Lookup, now) is { } refreshed)
            {
                if (refreshed.State.IsFinished())
                {
                    return AlterDecision.Invalid(refreshed.Reason + ": depend on a job that can still end that way");
                }

                next = refreshed;
            }
        }

        var state = JobStateRules.DeriveState(next);
        next = next with { State = state, Reason = JobStateRules.InitialReason(next, state) };
        return new AlterDecision(JobTransition.Done(next, Event(job, Describe(job, next), context.By, now)));
    }

    private static AlterDecision AlterStarted(Job job, JobAlteration change, ResourceRequest resources, AlterContext context, DateTimeOffset now)
    {
        var old = job.Spec.Resources;
        if (change.ChangesMoreThanResources || resources != old with { Walltime = resources.Walltime, CpuTime = resources.CpuTime })
        {
            return AlterDecision.Refused($"job {job.DisplayId} has started ({job.State.Letter()}): only -l walltime and -l cput can change once it runs");
        }

        if (!context.IsAdministrator && (Raised(old.Walltime, resources.Walltime) || Raised(old.CpuTime, resources.CpuTime)))
        {
            return AlterDecision.Refused($"job {job.DisplayId} is running: only an administrator may raise its walltime or cput; you may lower them");
        }

        if (resources.Walltime is { } w && w <= TimeSpan.Zero || resources.CpuTime is { } c && c <= TimeSpan.Zero)
        {
            return AlterDecision.Invalid("walltime and cput must be positive: e.g. -l walltime=01:00:00");
        }

        var next = job with { Spec = job.Spec with { Resources = resources } };
        return new AlterDecision(JobTransition.Done(next, Event(job, Describe(job, next), context.By, now)), LimitsChanged: resources != old);
    }

    /// <summary>Raising means a larger limit, or none where there was one.</summary>
    private static bool Raised(TimeSpan? before, TimeSpan? after) => before is { } b && (after is not { } a || a > b);

    private static bool DependsOn(long id, long target, Func<long, Job?> lookup, int depth) =>
        depth < 64 && lookup(id) is { } other && !other.State.IsFinished()
        && other.Spec.Dependencies.Any(d => d.JobId == target || DependsOn(d.JobId, target, lookup, depth + 1));

    /// <summary>What changed, as tracejob shows it: "walltime 01:00:00 -> 00:30:00, priority 0 -> 10".</summary>
    private static string Describe(Job before, Job after)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        void Add<T>(string what, T a, T b, Func<T, string> text)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                parts.Add($"{what} {text(a)} -> {text(b)}");
            }
        }

        static string Limit(TimeSpan? t) => t is { } v ? TaskLimitPolicy.Format(v) : "none";
        var (s, n) = (before.Spec, after.Spec);
        Add("name", s.Name, n.Name, v => v);
        Add("priority", s.Priority, n.Priority, v => v.ToString(inv));
        Add("hold", before.UserHold, after.UserHold, v => v ? "u" : "n");
        Add("walltime", s.Resources.Walltime, n.Resources.Walltime, Limit);
        Add("cput", s.Resources.CpuTime, n.Resources.CpuTime, Limit);
        Add("ncpus", s.Resources.CpusPerChunk, n.Resources.CpusPerChunk, v => v.ToString(inv));
        Add("chunks", s.Resources.Chunks, n.Resources.Chunks, v => v.ToString(inv));
        Add("mem", s.Resources.MemoryBytesPerChunk, n.Resources.MemoryBytesPerChunk, v => SizeParser.Format(v));
        Add("depend", string.Join(',', s.Dependencies), string.Join(',', n.Dependencies), v => v.Length == 0 ? "none" : v);
        Add("output", s.OutputPath, n.OutputPath, v => v ?? "default");
        Add("error", s.ErrorPath, n.ErrorPath, v => v ?? "default");
        Add("array limit", s.Array?.MaxConcurrent, n.Array?.MaxConcurrent, v => v?.ToString(inv) ?? "none");
        Add("checkpoint", s.Checkpoint, n.Checkpoint, CheckpointPolicyParser.Format);
        if (parts.Count == 0 && !s.Resources.Equals(n.Resources))
        {
            parts.Add("resources");
        }

        return parts.Count == 0 ? "nothing changed" : string.Join(", ", parts);
    }

    private static JobEvent Event(Job job, string changes, string by, DateTimeOffset now) =>
        new(job.Id, now, "altered", $"altered by {by}: {changes}");
}
