using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Queue;

/// <summary>qdel / qhold / qrls / qrerun / qmove on several ids; each id succeeds or fails on its own, as PBS reports them.</summary>
/// <param name="destination">The queue of a <see cref="JobAction.Move"/>.</param>
/// <param name="knownQueues">The queues a job may be moved to.</param>
internal sealed class ActionCommand(JobAction action, IReadOnlyList<string> ids, Caller caller, string? destination = null, IReadOnlyList<string>? knownQueues = null)
    : QueueCommand<JobActionResponse>
{
    public JobAction Action => action;

    public Caller Caller => caller;

    /// <summary>The ids refused while deciding, for the log; empty until the writer ran the command.</summary>
    public IReadOnlyList<JobActionResult> Refusals { get; private set; } = [];

    /// <summary>Kill orders for running tasks that qdel moved to E; sent to the world after the commit.</summary>
    public List<WorldOrder> KillOrders { get; } = [];

    protected override JobActionResponse Run(WorkingSet working, DateTimeOffset now)
    {
        // The writer may decide a command again, alone, after its group failed to commit.
        KillOrders.Clear();
        var results = new List<JobActionResult>();
        foreach (var text in ids)
        {
            results.Add(Apply(working, text, now));
        }

        Refusals = [.. results.Where(r => !r.Ok)];
        return new JobActionResponse(results);
    }

    private JobActionResult Apply(WorkingSet working, string text, DateTimeOffset now)
    {
        if (!ActionTarget.TryResolve(working, caller, text, out var job, out var reference, out var refusal))
        {
            return refusal;
        }

        if (reference.ArrayIndex is not null && action != JobAction.Delete)
        {
            return Fail(text, ApiErrorKind.Refused, action switch
            {
                JobAction.Rerun => $"qrerun applies to whole jobs: use {job.DisplayId}",
                JobAction.Move => $"qmove applies to whole jobs: use {job.DisplayId}",
                _ => $"holds apply to whole arrays: use {job.DisplayId}",
            });
        }

        if (action == JobAction.Rerun && !caller.IsAdministrator)
        {
            return Fail(text, ApiErrorKind.Refused, $"qrerun is for administrators: ask one to requeue job {job.DisplayId}, or qdel it and submit it again");
        }

        var transition = action switch
        {
            JobAction.Hold => JobStateRules.Hold(job, caller.UserName, now),
            JobAction.Release => JobStateRules.Release(job, caller.UserName, now),
            JobAction.Rerun => RerunRules.Rerun(job, caller.UserName, now),
            JobAction.Move => MoveRules.Move(job, destination ?? "", knownQueues ?? [], caller.UserName, now),
            _ => JobStateRules.Delete(job, reference.ArrayIndex, caller.UserName, now),
        };
        if (!transition.Ok)
        {
            return Fail(text, ApiErrorKind.Refused, transition.Refusal!);
        }

        working.Put(transition.Job!, transition.Event);
        foreach (var task in transition.Job!.Tasks.Where(t => t.State is JobState.Exiting or JobState.Deleted && t.Node is not null))
        {
            var before = job.Tasks.First(t => t.Index == task.Index);
            if (before.State is JobState.Running or JobState.Suspended)
            {
                KillOrders.Add(new WorldOrder(WorldOrderKind.Kill, job.Id, task.Index, Node: task.Node!.First, Reason: task.Reason));
            }
            else if (before.State == JobState.Migrating)
            {
                // In flight: the process (or its checkpoint) may be on either side, so both nodes kill it and drop
                // their spool and cache for it; a later Checkpointed for the ended task is ignored.
                var nodes = new[] { task.Node!.First, before.Migration?.From, before.Migration?.To };
                foreach (var node in nodes.OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    KillOrders.Add(new WorldOrder(WorldOrderKind.Kill, job.Id, task.Index, Node: node, Reason: task.Reason));
                }
            }
        }

        return new JobActionResult(text, true, null, null);
    }

    private static JobActionResult Fail(string id, ApiErrorKind kind, string message) => ActionTarget.Refused(id, kind, message);
}
