using CsCheck;
using OpenMosixBatch.Core.World;
using static OpenMosixBatch.Core.World.TaskRestoreAction;
using static OpenMosixBatch.Core.World.TaskRestoreEvent;

namespace OpenMosixBatch.Core.Tests.World;

/// <summary>A start from a checkpoint on its node: every state × event, then a property over any order of events.</summary>
public sealed class TaskRestoreMachineTests
{
    private static readonly RestorePoint P1 = new(1, "sha-1");
    private static readonly RestorePoint P2 = new(2, "sha-2");

    private static readonly Dictionary<string, TaskRestoreState> States = new()
    {
        ["idle"] = TaskRestoreState.Idle,
        ["local"] = new(TaskRestorePhase.FromLocalCopy, P1),
        ["fetching"] = new(TaskRestorePhase.Fetching, P1),
        ["server"] = new(TaskRestorePhase.FromServerCopy, P1),
        ["deleted"] = new(TaskRestorePhase.Deleted),
    };

    private static readonly Dictionary<string, TaskRestoreEvent> Events = new()
    {
        ["orderedLocal"] = new Ordered(P2, LocalCopy: true),
        ["orderedRemote"] = new Ordered(P2, LocalCopy: false),
        ["plain"] = new PlainStartOrdered(),
        ["reported"] = new Reported(),
        ["refused"] = new Refused("r"),
        ["copyMatching"] = new CopyArrived(P1.Sha256),
        ["copyOther"] = new CopyArrived(P2.Sha256),
        ["notReceived"] = new CopyNotReceived("n"),
        ["fetchFailed"] = new FetchFailed("f"),
        ["deleted"] = new Deleted(),
    };

    // state, event → "phase/generation | actions | end"; written from the machine's rules, not from its output.
    public static TheoryData<string, string, string> Cells => new()
    {
        { "idle", "orderedLocal", "FromLocalCopy/2 | LaunchLocal | -" },
        { "idle", "orderedRemote", "Fetching/2 | Fetch(-) | -" },
        { "idle", "plain", "Idle/- |  | -" },
        { "idle", "reported", "Idle/- |  | -" },
        { "idle", "refused", "Idle/- | Lost(r, -) | -" },
        { "idle", "copyMatching", "Idle/- |  | -" },
        { "idle", "copyOther", "Idle/- |  | -" },
        { "idle", "notReceived", "Idle/- |  | -" },
        { "idle", "fetchFailed", "Idle/- |  | -" },
        { "idle", "deleted", "Deleted/- |  | -" },

        { "local", "orderedLocal", "FromLocalCopy/2 | LaunchLocal | dropped:replaced" },
        { "local", "orderedRemote", "Fetching/2 | Fetch(-) | dropped:replaced" },
        { "local", "plain", "FromLocalCopy/1 |  | -" },
        { "local", "reported", "Idle/- |  | done" },
        { "local", "refused", "Fetching/1 | Fetch(r) | -" },
        { "local", "copyMatching", "FromLocalCopy/1 |  | -" },
        { "local", "copyOther", "FromLocalCopy/1 |  | -" },
        { "local", "notReceived", "FromLocalCopy/1 |  | -" },
        { "local", "fetchFailed", "FromLocalCopy/1 |  | -" },
        { "local", "deleted", "Deleted/- |  | dropped:deleted" },

        { "fetching", "orderedLocal", "FromLocalCopy/2 | LaunchLocal | dropped:replaced" },
        { "fetching", "orderedRemote", "Fetching/2 | Fetch(-) | dropped:replaced" },
        { "fetching", "plain", "Fetching/1 |  | -" },
        { "fetching", "reported", "Fetching/1 |  | -" },
        { "fetching", "refused", "Idle/- | Lost(r, +) | dropped:r" },
        { "fetching", "copyMatching", "FromServerCopy/1 | LaunchFetched | -" },
        { "fetching", "copyOther", "Fetching/1 |  | -" },
        { "fetching", "notReceived", "Idle/- | Lost(n, +) | dropped:n" },
        { "fetching", "fetchFailed", "Idle/- | Lost(f, -) | dropped:f" },
        { "fetching", "deleted", "Deleted/- |  | dropped:deleted" },

        { "server", "orderedLocal", "FromLocalCopy/2 | LaunchLocal | dropped:replaced" },
        { "server", "orderedRemote", "Fetching/2 | Fetch(-) | dropped:replaced" },
        { "server", "plain", "FromServerCopy/1 |  | -" },
        { "server", "reported", "Idle/- |  | done" },
        { "server", "refused", "Idle/- | Lost(r, +) | dropped:r" },
        { "server", "copyMatching", "FromServerCopy/1 |  | -" },
        { "server", "copyOther", "FromServerCopy/1 |  | -" },
        { "server", "notReceived", "FromServerCopy/1 |  | -" },
        { "server", "fetchFailed", "FromServerCopy/1 |  | -" },
        { "server", "deleted", "Deleted/- |  | dropped:deleted" },

        { "deleted", "orderedLocal", "FromLocalCopy/2 | LaunchLocal | -" },
        { "deleted", "orderedRemote", "Fetching/2 | Fetch(-) | -" },
        { "deleted", "plain", "Idle/- |  | -" },
        { "deleted", "reported", "Deleted/- |  | -" },
        { "deleted", "refused", "Deleted/- | Lost(r, -) | -" },
        { "deleted", "copyMatching", "Deleted/- |  | -" },
        { "deleted", "copyOther", "Deleted/- |  | -" },
        { "deleted", "notReceived", "Deleted/- |  | -" },
        { "deleted", "fetchFailed", "Deleted/- |  | -" },
        { "deleted", "deleted", "Deleted/- |  | -" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Apply_EveryStateAndEvent_DecidesAsTheRulesSay(string state, string e, string expected) =>
        Assert.Equal(expected, Describe(TaskRestoreMachine.Apply(States[state], Events[e])));

    [Fact]
    public void Cells_CoverEveryStateAndEvent() =>
        Assert.Equal(States.Count * Events.Count, Cells.Select(row => ((string)row[0], (string)row[1])).Distinct().Count());

    [Fact]
    public void ALocalCopyRefused_FetchesTheServers_AndAServerCopyRefused_IsLostWithItsGeneration()
    {
        var local = TaskRestoreMachine.Apply(TaskRestoreState.Idle, new Ordered(P1, LocalCopy: true));
        var refetch = TaskRestoreMachine.Apply(local.State, new Refused("hash mismatch"));
        var arrived = TaskRestoreMachine.Apply(refetch.State, new CopyArrived(P1.Sha256));
        var refused = TaskRestoreMachine.Apply(arrived.State, new Refused("hash mismatch"));

        Assert.Equal<TaskRestoreAction>([new LaunchLocal()], local.Actions);
        Assert.Equal<TaskRestoreAction>([new Fetch("hash mismatch")], refetch.Actions);
        Assert.Equal<TaskRestoreAction>([new LaunchFetched()], arrived.Actions);
        Assert.Equal<TaskRestoreAction>([new ReportLost("hash mismatch", WithCheckpoint: true)], refused.Actions);
        Assert.Equal(TransferOutcome.Dropped("hash mismatch"), refused.Ended);
    }

    [Fact]
    public void ACopyArrivingAfterTheDeletion_IsNotAccepted_UntilTheTaskIsStartedAgain()
    {
        var deleted = TaskRestoreMachine.Apply(new TaskRestoreState(TaskRestorePhase.Fetching, P1), new Deleted()).State;

        Assert.False(deleted.AcceptsCopies);
        Assert.Empty(TaskRestoreMachine.Apply(deleted, new CopyArrived(P1.Sha256)).Actions);
        Assert.True(TaskRestoreMachine.Apply(deleted, new PlainStartOrdered()).State.AcceptsCopies);
    }

    [Fact]
    public void EveryStartOrder_EndsExactlyOnce_DoneOrDroppedWithAReason_WhateverTheEventOrder()
    {
        var events = Events.Values.ToArray();
        Gen.Int[0, events.Length - 1].Array[0, 40].Sample(picks =>
        {
            var state = TaskRestoreState.Idle;
            int ordered = 0, ended = 0;
            foreach (var pick in picks)
            {
                var e = events[pick];
                var d = TaskRestoreMachine.Apply(state, e);
                ordered += e is Ordered ? 1 : 0;
                Assert.Equal(state.Active && (e is Ordered || !d.State.Active), d.Ended is not null);
                if (d.Ended is { } end)
                {
                    ended++;
                    Assert.True(end.Done == (end.Reason is null), "a dropped restore says why, a done one does not");
                }

                Assert.False(state.Phase == TaskRestorePhase.Deleted && d.Actions.OfType<LaunchFetched>().Any(), "a deleted task is never launched from a late copy");
                Assert.False(!state.Active && d.Actions.OfType<ReportLost>().Any(l => l.WithCheckpoint), "only a restore names its generation as bad");
                state = d.State;
            }

            Assert.Equal(ordered, ended + (state.Active ? 1 : 0));
        });
    }

    private static string Describe(TaskRestoreDecision d)
    {
        var actions = string.Join(", ", d.Actions.Select(a => a switch
        {
            LaunchLocal => "LaunchLocal",
            Fetch f => $"Fetch({f.AfterRefusal ?? "-"})",
            LaunchFetched => "LaunchFetched",
            ReportLost l => $"Lost({l.Reason}, {(l.WithCheckpoint ? "+" : "-")})",
            _ => a.ToString(),
        }));
        var end = d.Ended is null ? "-" : d.Ended.Done ? "done" : "dropped:" + Short(d.Ended.Reason!);
        return $"{d.State.Phase}/{d.State.Point?.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} | {actions} | {end}";
    }

    private static string Short(string reason) => reason switch
    {
        TaskRestoreMachine.ReplacedReason => "replaced",
        TaskRestoreMachine.DeletedReason => "deleted",
        _ => reason,
    };
}
