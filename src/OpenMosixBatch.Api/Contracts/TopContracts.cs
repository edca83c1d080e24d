namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// GET /v1/top: everything one frame of <c>omb top</c> shows, in one request (so a refresh a second costs the server one
/// qstat): the server's status, the nodes as pbsnodes sees them, the running tasks newest first and the last completed
/// migrations. Tasks and migrations are the caller's own (all of them for an administrator), as qstat shows them.
/// </summary>
public sealed record TopView(ServerStatus Server, IReadOnlyList<NodeView> Nodes, int Migrating, IReadOnlyList<TopTask> Running, IReadOnlyList<TopMigration> Migrations);

/// <summary>A running task: its id, owner, node(s), CPUs and memory per chunk, CPU time and start.</summary>
public sealed record TopTask(string Id, string User, string Node, int Cpus, long MemoryBytes, TimeSpan CpuTime, DateTimeOffset? Start, char State);

/// <summary>A completed move: the task, where from and to, what it cost and when it landed.</summary>
public sealed record TopMigration(string Task, string From, string To, TimeSpan Cost, long Bytes, DateTimeOffset Time);
