using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;
using static OpenMosixBatch.Core.World.CheckpointMoveAction;
using static OpenMosixBatch.Core.World.CheckpointMoveEvent;

namespace OpenMosixBatch.Core.Tests.World;

/// <summary>A checkpoint leaving its node: every state × event, then a property over any order of events.</summary>
public sealed class CheckpointMoveMachineTests
{
    private static readonly MoveTarget A = new("a", 1);
    private static readonly MoveTarget B = new("b", 2);

    private static readonly Dictionary<string, CheckpointMoveState> States = new()
    {
        ["idle"] = CheckpointMoveState.Idle,
        ["signalled"] = new(CheckpointMovePhase.Signalled) { Target = A },
        ["shipping"] = new(CheckpointMovePhase.Shipping) { Target = A, Shipments = 1 },
        ["shipping2"] = new(CheckpointMovePhase.Shipping) { Shipments = 2 },
        ["deleted"] = new(CheckpointMovePhase.Deleted),
        ["deletedShipping"] = new(CheckpointMovePhase.Deleted) { Shipments = 1 },
    };

    private static readonly Dictionary<string, CheckpointMoveEvent> Events = new()
    {
        ["request"] = new Requested(B),
        ["refused"] = new Refused(),
        ["declined"] = new Declined(),
        ["ended"] = new TaskEnded(),
        ["exitMigration"] = new Exited(CheckpointCause.Migration),
        ["exitPeriodic"] = new Exited(CheckpointCause.Periodic),
        ["shipped"] = new ShipmentEnded(null),
        ["failed"] = new ShipmentEnded("x"),
        ["deleted"] = new Deleted(),
        ["restarted"] = new Restarted(),
    };

    // state, event → "phase/shipments/target | actions | end"; written from the machine's rules, not from its output.
    public static TheoryData<string, string, string> Cells => new()
    {
        { "idle", "request", "Signalled/0/b | Signal(b) | -" },
        { "idle", "refused", "Idle/0/- |  | -" },
        { "idle", "declined", "Idle/0/- |  | -" },
        { "idle", "ended", "Idle/0/- |  | -" },
        { "idle", "exitMigration", "Shipping/1/- | Ship(-) | -" },
        { "idle", "exitPeriodic", "Shipping/1/- | Ship(-) | -" },
        { "idle", "shipped", "Idle/0/- |  | -" },
        { "idle", "failed", "Idle/0/- |  | -" },
        { "idle", "deleted", "Deleted/0/- |  | -" },
        { "idle", "restarted", "Idle/0/- |  | -" },

        { "signalled", "request", "Signalled/0/b | Signal(b) | -" },
        { "signalled", "refused", "Idle/0/- | Dropped(refused) | dropped:refused" },
        { "signalled", "declined", "Idle/0/- |  | dropped:declined" },
        { "signalled", "ended", "Idle/0/- |  | dropped:ended" },
        { "signalled", "exitMigration", "Shipping/1/a | Ship(a) | -" },
        { "signalled", "exitPeriodic", "Shipping/1/a | Ship(a) | -" },
        { "signalled", "shipped", "Signalled/0/a |  | -" },
        { "signalled", "failed", "Signalled/0/a |  | -" },
        { "signalled", "deleted", "Deleted/0/- |  | dropped:deleted" },
        { "signalled", "restarted", "Signalled/0/a |  | -" },

        { "shipping", "request", "Shipping/1/a | Dropped(refused) | -" },
        { "shipping", "refused", "Shipping/1/a |  | -" },
        { "shipping", "declined", "Shipping/1/a |  | -" },
        { "shipping", "ended", "Shipping/1/a |  | -" },
        { "shipping", "exitMigration", "Shipping/2/a | Ship(-) | -" },
        { "shipping", "exitPeriodic", "Shipping/2/a | Ship(-) | -" },
        { "shipping", "shipped", "Idle/0/- | Finish(-) | done" },
        { "shipping", "failed", "Idle/0/- | Finish(x) | dropped:x" },
        { "shipping", "deleted", "Deleted/1/- | Cancel | -" },
        { "shipping", "restarted", "Shipping/1/a |  | -" },

        { "shipping2", "request", "Shipping/2/- | Dropped(refused) | -" },
        { "shipping2", "refused", "Shipping/2/- |  | -" },
        { "shipping2", "declined", "Shipping/2/- |  | -" },
        { "shipping2", "ended", "Shipping/2/- |  | -" },
        { "shipping2", "exitMigration", "Shipping/3/- | Ship(-) | -" },
        { "shipping2", "exitPeriodic", "Shipping/3/- | Ship(-) | -" },
        { "shipping2", "shipped", "Shipping/1/- | Finish(-) | -" },
        { "shipping2", "failed", "Shipping/1/- | Finish(x) | -" },
        { "shipping2", "deleted", "Deleted/2/- | Cancel | -" },
        { "shipping2", "restarted", "Shipping/2/- |  | -" },

        { "deleted", "request", "Deleted/0/- | Dropped(refused) | -" },
        { "deleted", "refused", "Deleted/0/- |  | -" },
        { "deleted", "declined", "Deleted/0/- |  | -" },
        { "deleted", "ended", "Deleted/0/- |  | -" },
        { "deleted", "exitMigration", "Deleted/0/- | Finish(deleted while shipped) | -" },
        { "deleted", "exitPeriodic", "Deleted/0/- | Finish(deleted while shipped) | -" },
        { "deleted", "shipped", "Deleted/0/- |  | -" },
        { "deleted", "failed", "Deleted/0/- |  | -" },
        { "deleted", "deleted", "Deleted/0/- |  | -" },
        { "deleted", "restarted", "Idle/0/- |  | -" },

        { "deletedShipping", "request", "Deleted/1/- | Dropped(refused) | -" },
        { "deletedShipping", "refused", "Deleted/1/- |  | -" },
        { "deletedShipping", "declined", "Deleted/1/- |  | -" },
        { "deletedShipping", "ended", "Deleted/1/- |  | -" },
        { "deletedShipping", "exitMigration", "Deleted/1/- | Finish(deleted while shipped) | -" },
        { "deletedShipping", "exitPeriodic", "Deleted/1/- | Finish(deleted while shipped) | -" },
        { "deletedShipping", "shipped", "Deleted/0/- | Finish(-) | done" },
        { "deletedShipping", "failed", "Deleted/0/- | Finish(deleted while shipped) | dropped:deleted while shipped" },
        { "deletedShipping", "deleted", "Deleted/1/- |  | -" },
        { "deletedShipping", "restarted", "Shipping/1/- |  | -" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Apply_EveryStateAndEvent_DecidesAsTheRulesSay(string state, string e, string expected) =>
        Assert.Equal(expected, Describe(CheckpointMoveMachine.Apply(States[state], Events[e])));

    [Fact]
    public void Cells_CoverEveryStateAndEvent() =>
        Assert.Equal(States.Count * Events.Count, Cells.Select(row => ((string)row[0], (string)row[1])).Distinct().Count());

    [Fact]
    public void AMove_OrderedSignalledShippedAndDelivered_EndsDoneOnce()
    {
        var signalled = CheckpointMoveMachine.Apply(CheckpointMoveState.Idle, new Requested(A));
        var shipping = CheckpointMoveMachine.Apply(signalled.State, new Exited(CheckpointCause.Migration));
        var delivered = CheckpointMoveMachine.Apply(shipping.State, new ShipmentEnded(null));

        Assert.Equal<CheckpointMoveAction>([new Signal(A)], signalled.Actions);
        Assert.Equal<CheckpointMoveAction>([new Ship(A)], shipping.Actions);
        Assert.Equal(TransferOutcome.Completed, delivered.Ended);
        Assert.True(delivered.State.Forgotten);
    }

    [Fact]
    public void AShipment_DeletedMidway_IsCancelled_AndItsFailureSaysTheTaskWasDeleted()
    {
        var shipping = CheckpointMoveMachine.Apply(CheckpointMoveMachine.Apply(CheckpointMoveState.Idle, new Requested(A)).State, new Exited(CheckpointCause.Migration));
        var deleted = CheckpointMoveMachine.Apply(shipping.State, new Deleted());
        var ended = CheckpointMoveMachine.Apply(deleted.State, new ShipmentEnded("operation was cancelled"));

        Assert.Equal<CheckpointMoveAction>([new CancelShipment()], deleted.Actions);
        Assert.Null(deleted.Ended);
        Assert.Equal<CheckpointMoveAction>([new Finish(CheckpointMoveMachine.DeletedWhileShippedReason)], ended.Actions);
        Assert.Equal(TransferOutcome.Dropped(CheckpointMoveMachine.DeletedWhileShippedReason), ended.Ended);
        Assert.Equal(CheckpointMovePhase.Deleted, ended.State.Phase);
    }

    [Fact]
    public void EveryMove_EndsExactlyOnce_DoneOrDroppedWithAReason_WhateverTheEventOrder()
    {
        var events = Events.Values.ToArray();
        Gen.Int[0, events.Length - 1].Array[0, 40].Sample(picks =>
        {
            var state = CheckpointMoveState.Idle;
            int begun = 0, ended = 0, ships = 0, finished = 0;
            foreach (var pick in picks)
            {
                var e = events[pick];
                var d = CheckpointMoveMachine.Apply(state, e);
                begun += !state.Active && d.State.Active ? 1 : 0;
                Assert.Equal(state.Active && !d.State.Active, d.Ended is not null);
                if (d.Ended is { } end)
                {
                    ended++;
                    Assert.True(end.Done == (end.Reason is null), "a dropped move says why, a done one does not");
                    Assert.False(string.IsNullOrWhiteSpace(end.Reason) && !end.Done);
                }

                ships += d.Actions.OfType<Ship>().Count();
                finished += e is ShipmentEnded ? d.Actions.OfType<Finish>().Count() : 0;
                Assert.True(d.State.Shipments >= 0);
                Assert.False(d.State.Phase == CheckpointMovePhase.Deleted && d.Actions.OfType<Ship>().Any(), "a deleted task's checkpoint is never shipped");
                state = d.State;
            }

            Assert.Equal(begun, ended + (state.Active ? 1 : 0));
            Assert.Equal(ships, finished + state.Shipments);
        });
    }

    private static string Describe(CheckpointMoveDecision d)
    {
        var actions = string.Join(", ", d.Actions.Select(a => a switch
        {
            Signal s => $"Signal({s.Target.Node})",
            ReportDropped r => $"Dropped({Short(r.Reason)})",
            Ship s => $"Ship({s.Migration?.Node ?? "-"})",
            CancelShipment => "Cancel",
            Finish f => $"Finish({(f.Failure is null ? "-" : Short(f.Failure))})",
            _ => a.ToString(),
        }));
        var end = d.Ended is null ? "-" : d.Ended.Done ? "done" : "dropped:" + Short(d.Ended.Reason!);
        return $"{d.State.Phase}/{d.State.Shipments}/{d.State.Target?.Node ?? "-"} | {actions} | {end}";
    }

    private static string Short(string reason) => reason switch
    {
        CheckpointMoveMachine.RefusedReason => "refused",
        CheckpointMoveMachine.DeclinedReason => "declined",
        CheckpointMoveMachine.TaskEndedReason => "ended",
        CheckpointMoveMachine.DeletedReason => "deleted",
        CheckpointMoveMachine.DeletedWhileShippedReason => "deleted while shipped",
        _ => reason,
    };
}
