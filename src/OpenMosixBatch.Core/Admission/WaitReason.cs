namespace OpenMosixBatch.Core.Admission;

/// <summary>Why a job waits: the kind the pass decides on, and the text qstat -f shows.</summary>
public readonly record struct WaitReason(WaitKind Kind, string Text)
{
    /// <summary>
    /// A job blocked for want of room or under a threshold may get the backfill reservation; one held back by its own
    /// array limit or by an existing reservation may not.
    /// </summary>
    public bool MayReserve => Kind is WaitKind.NoRoom or WaitKind.OverThreshold;
}
