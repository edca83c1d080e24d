namespace OpenMosixBatch.Simulation.Swf;

/// <summary>
/// One job line of a Standard Workload Format trace: the fields a scheduler uses, as written (-1 means "not known");
/// <see cref="Workload.TraceLoader"/> decides what each -1 becomes.
/// </summary>
/// <param name="Line">1-based line number in the file, for messages.</param>
/// <param name="JobNumber">Field 1.</param>
/// <param name="SubmitTime">Field 2, seconds from the trace's start.</param>
/// <param name="WaitTime">Field 3, seconds (what the traced machine did; not used by the simulator).</param>
/// <param name="RunTime">Field 4, seconds.</param>
/// <param name="AllocatedProcessors">Field 5.</param>
/// <param name="RequestedProcessors">Field 8.</param>
/// <param name="RequestedTime">Field 9, seconds: the user's estimate (walltime).</param>
/// <param name="RequestedMemoryKb">Field 10, kilobytes per processor.</param>
/// <param name="Status">Field 11: 1 completed, 0 failed, 5 cancelled, -1 unknown.</param>
public readonly record struct SwfRecord(
    int Line,
    long JobNumber,
    long SubmitTime,
    long WaitTime,
    long RunTime,
    long AllocatedProcessors,
    long RequestedProcessors,
    long RequestedTime,
    long RequestedMemoryKb,
    long Status);
