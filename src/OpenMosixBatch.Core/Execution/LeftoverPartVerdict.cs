namespace OpenMosixBatch.Core.Execution;

/// <summary>What a rank does with a part (<c>omb rsh</c>) that a rank of its node which died left behind.</summary>
public enum LeftoverPartVerdict
{
    /// <summary>Its shepherd still holds it (or may): the rank ends its group, then reports the end the shepherd records.</summary>
    End,

    /// <summary>It ended while no rank ran: the rank reports the recorded end once (exit status, CPU, peak memory).</summary>
    ReportEnd,

    /// <summary>
    /// Its shepherd is gone without an end, or never recorded its start (a launch cut short): the rank reports it ended
    /// without a status, so the <c>omb rsh</c> that waits for it returns.
    /// </summary>
    Lost,
}
