using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>What the client of a <c>qsub -I</c> session learns; each kind is a nested record.</summary>
public abstract record InteractiveEvent
{
    private InteractiveEvent()
    {
    }

    /// <summary>The server showed the job in <paramref name="State"/>; <paramref name="ExitStatus"/> once it has one.</summary>
    public sealed record JobSeen(JobState State, int? ExitStatus) : InteractiveEvent;

    /// <summary>The session's terminal ended on the node, with the job's <paramref name="ExitStatus"/>.</summary>
    public sealed record TerminalEnded(int ExitStatus, string? Reason) : InteractiveEvent;

    /// <summary>The user interrupted the client (Ctrl-C while waiting, or SIGTERM/SIGHUP at any time).</summary>
    public sealed record Interrupted : InteractiveEvent;

    /// <summary>The server cannot be reached, and has not been for <paramref name="DownFor"/>.</summary>
    public sealed record ServerLost(string Reason, TimeSpan DownFor) : InteractiveEvent;

    /// <summary>The server answers again (it restarted, or came back).</summary>
    public sealed record ServerBack : InteractiveEvent;
}
