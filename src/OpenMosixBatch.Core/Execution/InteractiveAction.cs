namespace OpenMosixBatch.Core.Execution;

/// <summary>What the client of a <c>qsub -I</c> session does on a decision; each kind is a nested record.</summary>
public abstract record InteractiveAction
{
    private InteractiveAction()
    {
    }

    /// <summary>Say one line on stderr, as PBS's qsub does ("qsub: job 12 ready").</summary>
    public sealed record Say(string Line) : InteractiveAction;

    /// <summary>Put the user's terminal in raw mode (no echo, no line editing, no signals from keys: all go to the job).</summary>
    public sealed record EnterRawMode : InteractiveAction;

    /// <summary>Start relaying: keys and window size to the job, its terminal's output to the user's.</summary>
    public sealed record StartRelay : InteractiveAction;

    /// <summary>
    /// Relay again after the server came back: open the terminal's relay on it from the offset read so far (a restarted
    /// server numbers what the node relays from there), and send the keys again.
    /// </summary>
    public sealed record ResumeRelay : InteractiveAction;

    /// <summary>Give the terminal back as it was before <see cref="EnterRawMode"/> (a no-op when it never was raw).</summary>
    public sealed record RestoreTerminal : InteractiveAction;

    /// <summary>Delete the job (qdel): its request is withdrawn, or its shell ended.</summary>
    public sealed record DeleteJob : InteractiveAction;

    /// <summary>Exit with <paramref name="Status"/>.</summary>
    public sealed record Exit(int Status) : InteractiveAction;
}
