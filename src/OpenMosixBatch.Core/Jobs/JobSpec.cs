namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// Everything a user asked for when submitting a job: the merge of <c>#PBS</c>/<c>#OMB</c> directives
/// and command-line options (the command line wins). It does not change after submission except for
/// holds, which live on <see cref="Job"/>.
/// </summary>
public sealed record JobSpec
{
    public const string DefaultQueue = "batch";

    /// <summary>Job name (<c>-N</c>); defaults to the script's file name, or STDIN, or the command.</summary>
    public required string Name { get; init; }

    public string Queue { get; init; } = DefaultQueue;

    /// <summary>Priority (<c>-p</c>), -1024..1023 as in PBS; higher runs first.</summary>
    public int Priority { get; init; }

    /// <summary>The script's content, when the job is a script (file or stdin).</summary>
    public string? Script { get; init; }

    /// <summary>The command line, when the job was given as <c>qsub -- command args</c>.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Arguments passed to the script.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Absolute working directory (<c>-d</c>, default where qsub ran).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Absolute directory qsub ran in (<c>PBS_O_WORKDIR</c>).</summary>
    public required string SubmitDirectory { get; init; }

    public ResourceRequest Resources { get; init; } = ResourceRequest.Default;

    /// <summary>Path of the output file (<c>-o</c>), or null for the PBS default <c>NAME.oID</c>.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Path of the error file (<c>-e</c>), or null for the PBS default <c>NAME.eID</c>.</summary>
    public string? ErrorPath { get; init; }

    public JoinMode Join { get; init; }

    /// <summary>The array range, or null for a plain job.</summary>
    public ArraySpec? Array { get; init; }

    public IReadOnlyList<Dependency> Dependencies { get; init; } = [];

    /// <summary>Submit with a user hold (<c>-h</c>).</summary>
    public bool Held { get; init; }

    /// <summary>May be started again from the beginning after a node failure (<c>-r y</c>).</summary>
    public bool Rerunnable { get; init; } = true;

    /// <summary>Environment passed to the job (<c>-v</c> and, with <c>-V</c>, qsub's whole environment).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Checkpoint policy (<c>-c</c>); <see cref="CheckpointPolicy.None"/> unless the job opts in.</summary>
    public CheckpointPolicy Checkpoint { get; init; } = CheckpointPolicy.None;

    /// <summary>Account charged for the job (<c>-A</c>), recorded and shown.</summary>
    public string? Account { get; init; }

    /// <summary>Project (PBS Pro <c>-P</c>), recorded and shown.</summary>
    public string? Project { get; init; }

    /// <summary>When mail is sent (<c>-m</c>): any of <c>a</c> (abort), <c>b</c> (begin), <c>e</c> (end), or <c>n</c>; null for PBS's default, <c>a</c>.</summary>
    public string? MailEvents { get; init; }

    /// <summary>Who is mailed (<c>-M</c>); empty for the job's owner.</summary>
    /// <remarks>Absent or null in a request (a client older than the field) reads as empty.</remarks>
    public IReadOnlyList<string> MailUsers { get; init => field = value ?? []; } = [];

    /// <summary>The shell that runs the script (<c>-S</c>), whatever its <c>#!</c> line says; null for the <c>#!</c> line or /bin/sh.</summary>
    public string? Shell { get; init; }

    /// <summary>The group the task runs as (<c>-W group_list</c>) when its owner belongs to it; null for the owner's own group.</summary>
    public string? GroupList { get; init; }

    /// <summary>The task's file-creation mask (<c>-W umask</c>, octal as given); null for the node's.</summary>
    public int? Umask { get; init; }

    /// <summary>Options the site accepts without acting on them (<c>Omb:Submission:IgnoredOptions</c>), as given, e.g. <c>-W x=NACCESSPOLICY:SINGLEJOB</c>.</summary>
    /// <remarks>Absent or null in a request (a client older than the field) reads as empty.</remarks>
    public IReadOnlyList<string> IgnoredOptions { get; init => field = value ?? []; } = [];

    /// <summary>
    /// An interactive job (<c>qsub -I</c>): its command runs on a pseudo-terminal on its node, joined to the waiting
    /// client's terminal through the server and the world, and has no output files.
    /// </summary>
    public bool Interactive { get; init; }

    public bool IsArray => Array is not null;

    public int TaskCount => Array?.Count ?? 1;
}
