using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// The life of one task on its node as a pure decision (flux-core's job manager: decide, then act): a state and an
/// event in, the new state and the actions out. The rank's task runner is the adapter that feeds it what happened (a
/// sample, a deletion, the shepherd's end, a packed checkpoint) and carries out what it returns.
/// </summary>
/// <remarks>
/// <para>Running → Killing on a deletion or a limit (its end then carries that reason, whatever the exit code);
/// Running or Killing → Ended on its end; Running → Packing on a checkpoint exit of a checkpointing task the node was
/// not ending, then Packing → Ended with its checkpoint reported (or its end, when the pack failed or it was deleted
/// meanwhile).</para>
/// <para>A task whose shepherd left no end is lost unless the node was ending it: the server runs a lost task again,
/// while a deleted one must stay deleted. One the server's stop ended first (a typed kill, not its reason's text) is
/// lost whatever its end, for the server to run it again.</para>
/// <para>An event that does not apply in the current phase (a late grace period, a second end) changes nothing.</para>
/// </remarks>
public static class NodeTaskMachine
{
    /// <summary>The status of a task whose end was not recorded (as if killed: 128 + SIGKILL).</summary>
    public const int UnrecordedExitStatus = 128 + 9;

    /// <summary>Applies <paramref name="e"/> to <paramref name="state"/>.</summary>
    public static NodeTaskDecision Apply(NodeTaskState state, NodeTaskEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            NodeTaskEvent.CheckpointAsked asked => CheckpointAsked(state, asked),
            NodeTaskEvent.GraceExpired expired => GraceExpired(state, expired),
            NodeTaskEvent.Sampled sampled => Sampled(state, sampled),
            NodeTaskEvent.KillOrdered kill => KillOrdered(state, kill.Reason, kill.ServerStopping),
            NodeTaskEvent.Exited exited => Exited(state, exited),
            NodeTaskEvent.Packed packed => Packed(state, packed),
            NodeTaskEvent.LimitsChanged limits => Unchanged(state with { Resources = limits.Resources }),
            _ => Unchanged(state),
        };
    }

    private static NodeTaskDecision CheckpointAsked(NodeTaskState state, NodeTaskEvent.CheckpointAsked asked)
    {
        if (state.Phase != NodeTaskPhase.Running || !state.Checkpoint.Enabled || state.KillReason is not null)
        {
            return Unchanged(state);
        }

        var number = state.Requests + 1;
        var next = state with { Request = new CheckpointRequest(number, asked.Cause, asked.Target), Requests = number };
        return asked.WithGrace
            ? new(next, [new NodeTaskAction.SignalMain(state.Checkpoint.Signal), new NodeTaskAction.StartGrace(number)])
            : new(next, [new NodeTaskAction.SignalMain(state.Checkpoint.Signal)]);
    }

    private static NodeTaskDecision GraceExpired(NodeTaskState state, NodeTaskEvent.GraceExpired expired)
    {
        if (state.Phase != NodeTaskPhase.Running || state.Request is not { } request || request.Number != expired.Number)
        {
            return Unchanged(state);
        }

        return new(state with { Request = null }, [new NodeTaskAction.ReportDropped(request.Cause, request.Target)]);
    }

    private static NodeTaskDecision Sampled(NodeTaskState state, NodeTaskEvent.Sampled sampled)
    {
        if (state.Phase != NodeTaskPhase.Running || state.KillReason is not null)
        {
            return Unchanged(state);
        }

        var verdict = TaskLimitPolicy.Decide(state.Resources, sampled.Now - state.Started, sampled.RssBytes, sampled.CpuTime);
        if (verdict.Kill)
        {
            var killing = KillOrdered(state, verdict.Reason!, serverStopping: false);
            return killing with { Actions = [new NodeTaskAction.ReportExiting(verdict.Reason!), .. killing.Actions] };
        }

        var policy = state.Checkpoint;
        if (policy.Mode == CheckpointMode.Periodic && policy.Interval is { } interval && interval > TimeSpan.Zero
            && state.Request is null && sampled.Now - state.LastPeriodicSignal >= interval)
        {
            return new(state with { LastPeriodicSignal = sampled.Now }, [new NodeTaskAction.SignalMain(policy.Signal)]);
        }

        return Unchanged(state);
    }

    private static NodeTaskDecision KillOrdered(NodeTaskState state, string reason, bool serverStopping)
    {
        // The first kill decides what its end is (a limit's kill stays a failure when the server stops meanwhile).
        var killed = state.KillReason is null ? state with { KillReason = reason, EndsLost = serverStopping } : state;
        return state.Phase switch
        {
            NodeTaskPhase.Ended => Unchanged(state),

            // Its process is gone: what it packed is not kept, and its end will carry the reason.
            NodeTaskPhase.Packing => new(killed, [new NodeTaskAction.ForgetCheckpoints()]),
            _ => new(killed with { Phase = NodeTaskPhase.Killing }, [new NodeTaskAction.KillGroup(), new NodeTaskAction.ForgetCheckpoints()]),
        };
    }

    private static NodeTaskDecision Exited(NodeTaskState state, NodeTaskEvent.Exited exited)
    {
        if (state.Phase is NodeTaskPhase.Packing or NodeTaskPhase.Ended)
        {
            return Unchanged(state);
        }

        var actions = new List<NodeTaskAction>();
        if (exited.End is null)
        {
            actions.Add(new NodeTaskAction.EndUnheldGroup());
        }

        var status = exited.End?.ExitStatus ?? UnrecordedExitStatus;
        if (exited.End is not null && state.Checkpoint.Enabled && status == state.Checkpoint.ExitCode && state.KillReason is null
            && exited.LaunchError is null)
        {
            actions.Add(new NodeTaskAction.Pack(status));
            return new(state with { Phase = NodeTaskPhase.Packing }, actions);
        }

        actions.Add(new NodeTaskAction.ForgetCheckpoints());
        actions.Add(state.EndsLost ? (NodeTaskAction)new NodeTaskAction.ReportLost(state.KillReason)
            : exited.End is null && state.KillReason is null ? new NodeTaskAction.ReportLost()
            : new NodeTaskAction.ReportEnded(status, state.KillReason ?? exited.LaunchError));
        return new(state with { Phase = NodeTaskPhase.Ended }, actions);
    }

    private static NodeTaskDecision Packed(NodeTaskState state, NodeTaskEvent.Packed packed)
    {
        if (state.Phase != NodeTaskPhase.Packing)
        {
            return Unchanged(state);
        }

        var ended = state with { Phase = NodeTaskPhase.Ended };
        if (packed.Failure is null && state.KillReason is null)
        {
            var cause = state.Request?.Cause ?? CheckpointCause.Periodic;
            return new(ended, [new NodeTaskAction.ReportCheckpointed(cause, cause == CheckpointCause.Migration ? state.Request?.Target : null)]);
        }

        return new(ended, [new NodeTaskAction.ForgetCheckpoints(), state.EndsLost ? (NodeTaskAction)new NodeTaskAction.ReportLost(state.KillReason)
            : new NodeTaskAction.ReportEnded(packed.ExitStatus, state.KillReason ?? packed.Failure)]);
    }

    private static NodeTaskDecision Unchanged(NodeTaskState state) => new(state, []);
}
