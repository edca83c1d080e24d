using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>How to start one task's process.</summary>
/// <param name="Executable">The program or script to exec (a name without '/' is looked up in the job's PATH).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="WorkingDirectory">Directory it starts in.</param>
/// <param name="Environment">Its whole environment (nothing is inherited from the node).</param>
/// <param name="OutputPath">File that receives stdout (truncated at start).</param>
/// <param name="ErrorPath">File that receives stderr; the same path as <paramref name="OutputPath"/> joins them.</param>
public sealed record TaskLaunch(
    string Executable,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string OutputPath,
    string ErrorPath)
{
    /// <summary>
    /// Where the shepherd writes its records (<see cref="ShepherdRecord"/>: this path plus a suffix), in a directory only
    /// the node's user can write, so the task's user cannot forge its end.
    /// </summary>
    public required string Record { get; init; }

    /// <summary>The identity to switch to (a root node running a user's task); null or no switch runs it as the node.</summary>
    public RunAsDecision? RunAs { get; init; }

    /// <summary>The supplementary groups of <see cref="RunAs"/>'s user (the node looks them up, as initgroups would).</summary>
    public IReadOnlyList<uint> Groups { get; init; } = [];

    /// <summary>The umask it starts with, set after the switch, before its output files are opened.</summary>
    public UnixFileMode Umask { get; init; } = RunAsSettings.CommonUmask;

    /// <summary>The FIFO the job reads as stdin (<see cref="PartStdin"/>); null for /dev/null.</summary>
    public string? InputPath { get; init; }

    /// <summary>
    /// Run on a pseudo-terminal the shepherd holds (qsub -I): <see cref="InputPath"/> then carries its framed input and
    /// <see cref="OutputPath"/> receives what the terminal prints.
    /// </summary>
    public bool Terminal { get; init; }
}
