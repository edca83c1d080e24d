using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// Every task's move of the window and every move in flight, newest first, each with its job (whose owner decides who
/// sees the task's id), and the count of all moves ever made: the migration page before it is filtered for a caller.
/// </summary>
public sealed record MoveLog(int Total, IReadOnlyList<(Job Job, MigrationRow Row)> Moves);
