using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// qalter on several ids; each id is changed or refused on its own, as PBS reports them. A waiting job's change is
/// checked by <see cref="SubmissionValidator"/>, as a submission is; a running job's new limits go to its nodes after
/// the commit (<see cref="Orders"/>).
/// </summary>
internal sealed class AlterCommand(JobAlteration change, IReadOnlyList<string> ids, Caller caller, IReadOnlyList<NodeSnapshot> nodes,
    long defaultMemory, SubmissionLimits limits)
    : OrderingJobsCommand(ids)
{
    protected override JobActionResult Apply(WorkingSet working, string text, DateTimeOffset now)
    {
        if (!ActionTarget.TryResolve(working, caller, text, out var job, out var reference, out var refusal))
        {
            return refusal;
        }

        if (reference.ArrayIndex is not null)
        {
            return ActionTarget.Refused(text, ApiErrorKind.Refused, $"qalter applies to whole jobs: use {job.DisplayId}");
        }

        // Dependencies name only jobs the caller can see, as at submission (SubmitCommand).
        Job? Lookup(long id) => caller.Sees(working.Find(id));
        var context = new AlterContext(caller.UserName, caller.IsAdministrator,
            spec => SubmissionValidator.Validate(spec, nodes, Lookup, limits), Lookup, defaultMemory) { IgnoredResources = limits.IgnoredResources };
        var decision = AlterRules.Alter(job, change, context, now);
        if (!decision.Transition.Ok)
        {
            return ActionTarget.Refused(text, decision.BadInput ? ApiErrorKind.BadInput : ApiErrorKind.Refused, decision.Transition.Refusal!);
        }

        var altered = decision.Transition.Job!;
        working.Put(altered, decision.Transition.Event);
        if (decision.LimitsChanged)
        {
            foreach (var task in altered.Tasks.Where(t => t.State.IsActive() && t.Node is not null))
            {
                Orders.Add(new WorldOrder(WorldOrderKind.Limits, job.Id, task.Index, Job: altered, Node: task.Node!.First));
            }
        }

        return new JobActionResult(text, true, null, null);
    }
}
