using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>What the node does after a decision of <see cref="NodeTaskMachine"/>; each kind is a nested record.</summary>
public abstract record NodeTaskAction
{
    private NodeTaskAction()
    {
    }

    /// <summary>Send <paramref name="Signal"/> to the task's main process (a shell without a trap would die of one to its group).</summary>
    public sealed record SignalMain(int Signal) : NodeTaskAction;

    /// <summary>Start the grace period of request <paramref name="Number"/>; feed <see cref="NodeTaskEvent.GraceExpired"/> when it ends.</summary>
    public sealed record StartGrace(long Number) : NodeTaskAction;

    /// <summary>SIGTERM the task's group, SIGKILL after the kill grace.</summary>
    public sealed record KillGroup : NodeTaskAction;

    /// <summary>Drop what the node's checkpoint store holds for the task (it will not be restored here).</summary>
    public sealed record ForgetCheckpoints : NodeTaskAction;

    /// <summary>End what is left of an unheld group (its shepherd was killed), only while its leader is still the job.</summary>
    public sealed record EndUnheldGroup : NodeTaskAction;

    /// <summary>Pack its checkpoint directory; feed <see cref="NodeTaskEvent.Packed"/>.</summary>
    public sealed record Pack(int ExitStatus) : NodeTaskAction;

    /// <summary>Report that the node is ending it for <paramref name="Reason"/> (it ends shortly).</summary>
    public sealed record ReportExiting(string Reason) : NodeTaskAction;

    /// <summary>Report that the checkpoint asked for did not come in time; it runs on.</summary>
    public sealed record ReportDropped(CheckpointCause Cause, string? Target) : NodeTaskAction;

    /// <summary>Report its end.</summary>
    public sealed record ReportEnded(int ExitStatus, string? Reason) : NodeTaskAction;

    /// <summary>
    /// Report it lost: its shepherd ended without recording its end, or the server's stop ended it
    /// (<paramref name="Reason"/>, the stop's).
    /// </summary>
    public sealed record ReportLost(string? Reason = null) : NodeTaskAction;

    /// <summary>Report its packed checkpoint, to restart by <paramref name="Cause"/> (on <paramref name="Target"/> for a move).</summary>
    public sealed record ReportCheckpointed(CheckpointCause Cause, string? Target) : NodeTaskAction;
}
