using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// qsig on several ids: records the signal (and suspend's S, resume's R) for each job the caller may signal, then,
/// after the commit, the endpoint sends <see cref="Orders"/> to the tasks' nodes. As in PBS Pro, suspend and resume are
/// for administrators; any user may signal their own running jobs.
/// </summary>
internal sealed class SignalCommand(JobSignal signal, IReadOnlyList<string> ids, Caller caller) : OrderingJobsCommand(ids)
{
    protected override JobActionResult Apply(WorkingSet working, string text, DateTimeOffset now)
    {
        if (!ActionTarget.TryResolve(working, caller, text, out var job, out var reference, out var refusal))
        {
            return refusal;
        }

        if ((signal.IsSuspend || signal.IsResume) && !caller.IsAdministrator)
        {
            return Fail(text, ApiErrorKind.Refused, $"qsig -s {signal.Name} is for administrators (as in PBS Pro): ask one, or send your job a signal it handles, e.g. qsig -s USR1 {text}");
        }

        var targets = SignalRules.Targets(job, reference.ArrayIndex, signal);
        var transition = SignalRules.Signal(job, reference.ArrayIndex, signal, caller.UserName, now);
        if (!transition.Ok)
        {
            return Fail(text, ApiErrorKind.Refused, transition.Refusal!);
        }

        working.Put(transition.Job!, transition.Event);
        foreach (var task in targets)
        {
            Orders.Add(new WorldOrder(WorldOrderKind.Signal, job.Id, task.Index, Node: task.Node!.First, Reason: transition.Event!.Detail, Signal: signal.Number));
        }

        return new JobActionResult(text, true, null, null);
    }

    private static JobActionResult Fail(string id, ApiErrorKind kind, string message) => ActionTarget.Refused(id, kind, message);
}
