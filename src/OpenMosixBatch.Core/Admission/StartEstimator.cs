using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// Predicts when each waiting job starts (qstat -T): the backfill reservation of <see cref="AdmissionPolicy"/> made for
/// every waiting job in admission order, not only the first that is blocked. Running tasks end at their start plus
/// walltime; each waiting task in turn takes the earliest time its nodes are free for its walltime without delaying a
/// task placed before it (conservative backfill), with the same placement and thresholds as an admission pass.
/// </summary>
/// <remarks>
/// A task without a walltime is predicted to hold its nodes for ever, so a job that needs them gets an unknown start
/// that names it, as does a job behind a hold or behind a dependency whose end cannot be predicted. When a task ends,
/// its share comes off the node's measured load too, so a node busy only with batch work is predicted to be idle once
/// its tasks end (the server's reservation keeps the measured load as it is). Only the first
/// <c>maxTasks</c> waiting tasks are placed: past them the prediction would cost more than a qstat should.
/// </remarks>
public static class StartEstimator
{
    public const int DefaultMaxTasks = 2000;

    public static Dictionary<long, StartEstimate> Estimate(IReadOnlyList<Job> jobs, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, DateTimeOffset now,
        int maxTasks = DefaultMaxTasks)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var byId = jobs.ToDictionary(j => j.Id);
        return Estimate(QueueIndex.Of(jobs), byId.GetValueOrDefault, nodes, settings, now, maxTasks);
    }

    /// <summary>An estimate for every job in <paramref name="index"/>'s waiting list, keyed by job id.</summary>
    public static Dictionary<long, StartEstimate> Estimate(QueueIndex index, Func<long, Job?> find, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings,
        DateTimeOffset now, int maxTasks = DefaultMaxTasks)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        var profile = new ResourceProfile(nodes, settings.Mode);
        foreach (var job in index.Active.Select(find).OfType<Job>())
        {
            foreach (var t in job.Tasks.Where(t => t.State.IsActive() && t.Node is not null))
            {
                // A task dispatched but not started yet is taken to start now.
                var start = t.StartTime ?? now;
                profile.Add(new ScheduledRun(job.Id, start, job.Spec.Resources.Walltime is { } w ? start + w : null, t.Node!, job.Spec.Resources, Running: true));
            }
        }

        var estimates = new Dictionary<long, StartEstimate>();
        var budget = maxTasks;
        foreach (var key in index.Pending)
        {
            if (find(key.JobId) is not { } job)
            {
                continue;
            }

            estimates[job.Id] = EstimateJob(job, find, profile, settings, now, ref budget, maxTasks);
        }

        return estimates;
    }

    private static StartEstimate EstimateJob(Job job, Func<long, Job?> find, ResourceProfile profile, AdmissionSettings settings, DateTimeOffset now, ref int budget, int maxTasks)
    {
        if (job.UserHold)
        {
            return StartEstimate.Unknown(DeferredReasons.HeldByUser);
        }

        var earliest = now;
        if (!job.DependenciesMet)
        {
            foreach (var d in job.Spec.Dependencies)
            {
                if (find(d.JobId) is not { } other || other.State.IsFinished())
                {
                    continue;
                }

                if (PredictedEnd(other, profile) is not { } end)
                {
                    return StartEstimate.Unknown(string.Create(CultureInfo.InvariantCulture, $"dependency {d} not met and job {d.JobId}'s end cannot be predicted"));
                }

                earliest = end > earliest ? end : earliest;
            }
        }

        StartEstimate? first = null;
        foreach (var task in job.Tasks.Where(t => t.State == JobState.Queued))
        {
            if (budget <= 0)
            {
                return first ?? StartEstimate.Unknown(string.Create(CultureInfo.InvariantCulture, $"not estimated: only the first {maxTasks} waiting tasks in admission order are"));
            }

            budget--;
            if (profile.Fit(job, earliest, settings.For(job.Spec.Queue), out var why) is not { } fit)
            {
                return first ?? StartEstimate.Unknown(Unpredictable(profile, why));
            }

            var request = job.Spec.Resources;
            profile.Add(new ScheduledRun(job.Id, fit.Start, request.Walltime is { } w ? fit.Start + w : null, fit.Nodes, request, Running: false));
            first ??= StartEstimate.At(fit.Start, fit.Nodes);
        }

        return first ?? StartEstimate.Unknown("no queued task");
    }

    /// <summary>When every task of <paramref name="job"/> is predicted to have ended; null when one of them cannot be.</summary>
    private static DateTimeOffset? PredictedEnd(Job job, ResourceProfile profile)
    {
        var runs = profile.Runs.Where(r => r.JobId == job.Id).ToList();
        if (runs.Count < job.Tasks.Count(t => !t.State.IsFinished()) || runs.Any(r => r.End is null))
        {
            return null;
        }

        return runs.Count == 0 ? null : runs.Max(r => r.End!.Value);
    }

    private static string Unpredictable(ResourceProfile profile, string why)
    {
        var forever = profile.Runs.Where(r => r.End is null).Select(r => r.JobId).Distinct().Order().Take(5).ToList();
        return forever.Count == 0
            ? "no start predicted: " + why
            : string.Create(CultureInfo.InvariantCulture, $"waits for job(s) without a walltime to end ({string.Join(", ", forever)}): {why}");
    }
}
