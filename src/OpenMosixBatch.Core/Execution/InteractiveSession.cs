using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// The client side of <c>qsub -I</c> as a pure state machine (decide, then act): a phase and an event in, the next
/// phase and the actions out. The CLI feeds it what the server shows and carries the actions out.
/// </summary>
/// <remarks>
/// As PBS Pro's qsub -I: the job waits in the queue like any ("qsub: waiting for job 12 to start"), then the user's
/// terminal is raw and joined to the job's pseudo-terminal ("qsub: job 12 ready") until the job's shell ends, whose
/// status is the client's. Ctrl-C while waiting withdraws the request; once attached, Ctrl-C is a key for the job,
/// and only a signal to the client itself (SIGTERM, SIGHUP: the user's terminal went away) ends the job, since no one
/// would be left to use its shell. Every way out restores the terminal. Unlike PBS Pro's, a session outlives its
/// server: the queue and the running job survive a server's restart (the world is adopted), so the client tries the
/// server again for <see cref="ReconnectFor"/> and reattaches to the terminal where it stopped reading.
/// </remarks>
public static class InteractiveSession
{
    /// <summary>The status of a client interrupted while waiting (as a shell reports a SIGINT: 128 + 2).</summary>
    public const int InterruptedStatus = 130;

    /// <summary>The status when the server was lost (the CLI's "server unreachable").</summary>
    public const int ServerLostStatus = 3;

    /// <summary>
    /// How long the client keeps trying a server it lost before it gives up: a server restarts in seconds, one with a
    /// year of history in under a minute on a loaded host. The job keeps running on its node meanwhile.
    /// </summary>
    public static readonly TimeSpan ReconnectFor = TimeSpan.FromMinutes(5);

    /// <summary>The first words, said once the job is submitted.</summary>
    public static string Waiting(string displayId) => $"qsub: waiting for job {displayId} to start";

    /// <summary>The part id under which the server relays job <paramref name="jobId"/>'s terminal (never a part's: those are positive).</summary>
    public static long TerminalIdOf(long jobId) => -jobId;

    /// <summary>Whether <paramref name="partId"/> names an interactive job's terminal rather than a part of <c>omb rsh</c>.</summary>
    public static bool IsTerminal(long partId) => partId < 0;

    public static (InteractivePhase Phase, IReadOnlyList<InteractiveAction> Actions) Decide(InteractivePhase phase, InteractiveEvent e, string displayId)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (phase, e) switch
        {
            (InteractivePhase.Ended, _) => (phase, []),
            (_, InteractiveEvent.ServerLost lost) when lost.DownFor >= ReconnectFor => End(ServerLostStatus, IsRaw(phase),
                string.Create(CultureInfo.InvariantCulture, $"qsub: job {displayId}: the server was lost ({lost.Reason}) and did not come back within {ReconnectFor.TotalMinutes:0} minutes")),
            (InteractivePhase.Waiting, InteractiveEvent.ServerLost lost) => (InteractivePhase.WaitingForServer,
                [new InteractiveAction.Say($"qsub: job {displayId}: the server was lost ({lost.Reason}); trying it again")]),
            (InteractivePhase.Attached, InteractiveEvent.ServerLost lost) => (InteractivePhase.Detached,
                [new InteractiveAction.Say($"qsub: job {displayId}: the server was lost ({lost.Reason}); the job goes on, reattaching")]),
            (InteractivePhase.WaitingForServer or InteractivePhase.Detached, InteractiveEvent.ServerLost) => (phase, []),
            (InteractivePhase.WaitingForServer, InteractiveEvent.ServerBack) => (InteractivePhase.Waiting,
                [new InteractiveAction.Say($"qsub: job {displayId}: the server is back")]),
            (InteractivePhase.Detached, InteractiveEvent.ServerBack) => (InteractivePhase.Attached,
                [new InteractiveAction.Say($"qsub: job {displayId} reattached"), new InteractiveAction.ResumeRelay()]),
            (InteractivePhase.Waiting or InteractivePhase.WaitingForServer, InteractiveEvent.Interrupted) => (InteractivePhase.Ended,
                [new InteractiveAction.DeleteJob(), new InteractiveAction.Say($"qsub: job {displayId} deleted: interrupted while waiting to start"),
                    new InteractiveAction.Exit(InterruptedStatus)]),
            (InteractivePhase.Attached or InteractivePhase.Detached, InteractiveEvent.Interrupted) => (InteractivePhase.Ended,
                [new InteractiveAction.RestoreTerminal(), new InteractiveAction.DeleteJob(),
                    new InteractiveAction.Say($"qsub: job {displayId} deleted: qsub was interrupted"), new InteractiveAction.Exit(InterruptedStatus)]),
            (InteractivePhase.Waiting, InteractiveEvent.JobSeen seen) => Seen(seen, displayId),
            (InteractivePhase.Waiting, InteractiveEvent.TerminalEnded ended) => End(ended.ExitStatus, attached: false, Completed(displayId, ended)),
            (InteractivePhase.Attached, InteractiveEvent.TerminalEnded ended) => End(ended.ExitStatus, attached: true, Completed(displayId, ended)),
            (InteractivePhase.Attached, InteractiveEvent.JobSeen { State: var s } seen) when s.IsFinished() =>
                End(seen.ExitStatus ?? 1, attached: true, $"qsub: job {displayId} ended ({s.Letter()}) without its terminal's end"),
            _ => (phase, []),
        };
    }

    /// <summary>Whether the user's terminal is raw in <paramref name="phase"/> (from the job's start until the end).</summary>
    public static bool IsRaw(InteractivePhase phase) => phase is InteractivePhase.Attached or InteractivePhase.Detached;

    private static (InteractivePhase, IReadOnlyList<InteractiveAction>) Seen(InteractiveEvent.JobSeen seen, string displayId)
    {
        if (seen.State.IsActive())
        {
            return (InteractivePhase.Attached,
                [new InteractiveAction.Say($"qsub: job {displayId} ready"), new InteractiveAction.EnterRawMode(), new InteractiveAction.StartRelay()]);
        }

        return seen.State.IsFinished()
            ? End(seen.ExitStatus ?? 1, attached: false, $"qsub: job {displayId} ended before it started ({seen.State.Letter()})")
            : (InteractivePhase.Waiting, []);
    }

    private static string Completed(string displayId, InteractiveEvent.TerminalEnded ended) =>
        ended.Reason is { Length: > 0 } reason
            ? $"qsub: job {displayId} completed: {reason}"
            : string.Create(CultureInfo.InvariantCulture, $"qsub: job {displayId} completed");

    private static (InteractivePhase, IReadOnlyList<InteractiveAction>) End(int status, bool attached, string line)
    {
        var actions = new List<InteractiveAction>();
        if (attached)
        {
            actions.Add(new InteractiveAction.RestoreTerminal());
        }

        actions.Add(new InteractiveAction.Say(line));
        actions.Add(new InteractiveAction.Exit(status));
        return (InteractivePhase.Ended, actions);
    }
}
