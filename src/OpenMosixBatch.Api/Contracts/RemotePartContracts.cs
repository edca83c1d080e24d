namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/parts (<c>omb rsh</c>, PBS's <c>pbs_tmrsh</c>): start <see cref="Command"/> as a part of the running task
/// <see cref="JobId"/>/<see cref="TaskIndex"/> on <see cref="Node"/>, one of the task's own nodes. Only the job's own user
/// may ask, and only with the task's cookie (<c>OMB_JOB_COOKIE</c>, in the task's environment alone), like PBS's TM job
/// cookie: a process of the same user outside the job cannot add to it.
/// </summary>
/// <param name="Command">The remote command as ssh gets it: words joined by spaces and run by <c>/bin/sh -c</c>.</param>
/// <param name="WorkingDirectory">Where it starts (the caller's directory).</param>
/// <param name="Environment">The caller's environment, which the part gets whole (the scheduler's variables win).</param>
public sealed record RemotePartRequest(long JobId, int TaskIndex, string Cookie, string Node, IReadOnlyList<string> Command,
    string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Whether the client relays its stdin (POST /v1/parts/{id}/input); else the part reads /dev/null, as with ssh -n.</summary>
    public bool Stdin { get; init; }
}

/// <summary>The part was ordered; follow it with GET /v1/parts/{PartId}.</summary>
public sealed record RemotePartStarted(long PartId);

/// <summary>
/// GET /v1/parts/{id}?out=N&amp;err=M: what the part printed from those offsets on, and its end once it has ended and
/// every byte before the end was read. The server waits a while for news before it answers with nothing new.
/// </summary>
public sealed record RemotePartProgress(byte[] Stdout, byte[] Stderr, int? ExitStatus, string? Reason);

/// <summary>
/// POST /v1/parts/{id}/input (and the <c>PartInput</c> order that carries it to the node): what the client of a part or of
/// an interactive job's terminal sends it. <see cref="Data"/> goes to its stdin (a terminal's keys, Ctrl-C among them),
/// <see cref="Close"/> ends its input, <see cref="Signal"/> goes to its process group (<c>omb rsh</c> forwards its own
/// SIGINT, SIGTERM and SIGHUP), and <see cref="Rows"/> and <see cref="Columns"/>, when set, are a terminal's new size.
/// </summary>
public sealed record RemotePartInput(long PartId, byte[]? Data, bool Close = false, int Signal = 0, int Rows = 0, int Columns = 0)
{
    /// <summary>
    /// Set by the server alone (a client's is ignored): how many bytes of the part's stdout its reader has read, which
    /// opens the node's window for more (see <c>PartOutputWindow</c> in Core).
    /// </summary>
    public long? StdoutRead { get; init; }

    /// <summary>As <see cref="StdoutRead"/>, for stderr.</summary>
    public long? StderrRead { get; init; }
}

/// <summary>A part of a running task on another of its nodes, as the start order carries it to that node's rank.</summary>
public sealed record RemotePartOrder(long PartId, string Command, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Whether its client relays stdin (<c>omb rsh</c> does unless <c>-n</c>): the part then reads a FIFO the node writes, else /dev/null.</summary>
    public bool Stdin { get; init; }
}
