namespace OpenMosixBatch.Core.Execution;

/// <summary>Where a <c>qsub -I</c> session is, as its client sees it.</summary>
public enum InteractivePhase
{
    /// <summary>The job waits in the queue like any job; the terminal is as the user left it.</summary>
    Waiting,

    /// <summary>The job runs: the terminal is raw and relayed to the job's pseudo-terminal on its node.</summary>
    Attached,

    /// <summary>The server was lost while the job waited: the client tries it again (the queue survives a restart).</summary>
    WaitingForServer,

    /// <summary>
    /// The server was lost while the job ran: the job keeps running on its node, the terminal stays raw, and the client
    /// tries the server again to reattach (keys typed meanwhile are lost).
    /// </summary>
    Detached,

    /// <summary>The session is over; the client exits.</summary>
    Ended,
}
