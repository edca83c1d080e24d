namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/jobs/signal (qsig): deliver <see cref="Signal"/> (a name such as SIGTERM or USR1, a number, or suspend /
/// resume) to the running tasks of each job; answered per id like qdel, after the event is stored.
/// </summary>
public sealed record JobSignalRequest(string Signal, IReadOnlyList<string> Ids);
