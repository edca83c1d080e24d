namespace OpenMosixBatch.Core.Execution;

/// <summary>How reading /proc/PID/stat went.</summary>
public enum ProcStatOutcome
{
    /// <summary>The file was read; its text is in <see cref="ProcStatReading.Text"/>.</summary>
    Read,

    /// <summary>/proc has no such PID: the process is gone.</summary>
    NoSuchProcess,

    /// <summary>The read failed for another reason (EMFILE, ENOMEM, EACCES): it says nothing about the process.</summary>
    Failed,
}

/// <summary>The outcome of one read of /proc/PID/stat, and its text when it was read.</summary>
public readonly record struct ProcStatReading(ProcStatOutcome Outcome, string? Text)
{
    public static ProcStatReading NoSuchProcess { get; } = new(ProcStatOutcome.NoSuchProcess, null);

    public static ProcStatReading Failed { get; } = new(ProcStatOutcome.Failed, null);

    public static ProcStatReading Of(string text) => new(ProcStatOutcome.Read, text);
}
