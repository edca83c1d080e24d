namespace OpenMosixBatch.Core.Execution;

/// <summary>How the node starts a task: as which user, or why it refuses to start it at all.</summary>
/// <param name="Start">True when the task may start.</param>
/// <param name="SwitchUser">True when the node changes to <paramref name="Uid"/>/<paramref name="Gid"/> and the user's groups (a root node); false runs it as the node itself.</param>
/// <param name="Uid">The uid the task runs with.</param>
/// <param name="Gid">The gid the task runs with.</param>
/// <param name="UserName">The account whose supplementary groups the task gets (initgroups).</param>
/// <param name="Reason">Why the node refuses, naming the fix; null when it starts.</param>
public sealed record RunAsDecision(bool Start, bool SwitchUser, uint Uid, uint Gid, string UserName, string? Reason)
{
    public static RunAsDecision Refuse(string reason) => new(false, false, 0, 0, "", reason);
}
