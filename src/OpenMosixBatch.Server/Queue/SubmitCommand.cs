using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Queue;

/// <summary>qsub: validate, give the job the next id, record it. The id reaches the caller only after the commit.</summary>
/// <remarks>A cron schedule's fire submits through here too, as the schedule's owner, naming the schedule and fire time.</remarks>
internal sealed class SubmitCommand(JobSpec spec, Caller caller, IReadOnlyList<NodeSnapshot> nodes, IReadOnlyList<string> queues, long defaultMemory,
    SubmissionLimits limits, string? scheduleName = null, DateTimeOffset? scheduledFireTime = null)
    : QueueCommand<SubmitResponse>
{
    /// <summary>The job this command submitted, once decided (the log's line names it).</summary>
    public Job? Submitted { get; private set; }

    protected override SubmitResponse Run(WorkingSet working, DateTimeOffset now)
    {
        if (!queues.Contains(spec.Queue))
        {
            throw QueueRefusalException.Submit(new SubmissionRefusal(SubmissionRefusalKind.UnknownQueue,
                $"unknown queue '{InputText.Quote(spec.Queue)}': known queues are {string.Join(", ", queues)} (choose one with -q)"));
        }

        var resolved = RequestResolution.Resolve(spec, defaultMemory, limits.IgnoredResources);
        // A dependency names only a job the submitter can see: another user's job is refused as unknown, as a missing one
        // is, so that a waiting job's reason ("41 is H") never shows the state of a job its owner may not see.
        if (SubmissionValidator.Check(resolved, nodes, id => caller.Sees(working.Find(id)), limits) is { } problem)
        {
            throw QueueRefusalException.Submit(problem);
        }

        var id = working.NextJobId++;
        var job = JobStateRules.Submit(id, resolved, caller.AsOwner, now) with { ScheduleName = scheduleName, ScheduledFireTime = scheduledFireTime };
        // No event is stored with it: its history shows the one the job implies (SubmittedEvent).
        working.Put(job, null);
        Submitted = job;
        return new SubmitResponse(id, job.DisplayId);
    }
}
