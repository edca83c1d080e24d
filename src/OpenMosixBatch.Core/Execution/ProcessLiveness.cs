namespace OpenMosixBatch.Core.Execution;

/// <summary>What a look at a recorded process showed.</summary>
public enum ProcessLiveness
{
    /// <summary>The same process (same PID, same start time) still runs.</summary>
    Alive,

    /// <summary>Positive evidence that it ended: no such PID, a zombie, or another process under its PID.</summary>
    Gone,

    /// <summary>The look itself failed (too many open files, no memory): nothing is known; look again later.</summary>
    Unknown,
}
