using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// Decides as whom a node runs a task (PBS's mom runs a job as its owner): a root node switches to the owner's uid,
/// gid and groups; a node that is not root runs only its own user's tasks, since it cannot become anyone else.
/// </summary>
public static class RunAsPolicy
{
    /// <summary>The exit status recorded for a task the node refused to start (like a shell's "cannot execute").</summary>
    public const int RefusedExitStatus = 126;

    /// <param name="owner">The job's owner, as the server learned it from the submitter's socket credentials.</param>
    /// <param name="nodeUid">The effective uid the node runs as.</param>
    /// <param name="allowRootJobs">Omb:Security:AllowRootJobs: whether a root node may run tasks of uid 0.</param>
    /// <param name="accountName">The node's account name for the owner's uid, or null when that uid has no account on the node.</param>
    /// <param name="node">The node's name, for the reason.</param>
    /// <remarks>
    /// Root is refused unless configured because a root task owns the node and every other user's files; an unknown
    /// uid is refused because the node could not give the task its user's groups (initgroups needs the account).
    /// </remarks>
    public static RunAsDecision Decide(JobOwner owner, uint nodeUid, bool allowRootJobs, string? accountName, string node)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var inv = CultureInfo.InvariantCulture;
        if (nodeUid != 0)
        {
            return owner.Uid == nodeUid
                ? new RunAsDecision(true, false, owner.Uid, owner.Gid, accountName ?? owner.UserName, null)
                : RunAsDecision.Refuse(string.Create(inv,
                    $"node {node} runs as uid {nodeUid}, not root, so it cannot run a task of {owner.UserName} (uid {owner.Uid}): start the world as root, or submit as uid {nodeUid}"));
        }

        if (owner.Uid == 0 && !allowRootJobs)
        {
            return RunAsDecision.Refuse(
                $"node {node} refuses to run tasks as root (uid 0): submit as an unprivileged user, or set Omb:Security:AllowRootJobs=true");
        }

        return accountName is null
            ? RunAsDecision.Refuse(string.Create(inv,
                $"uid {owner.Uid} ({owner.UserName}) has no account on node {node}: create the user there with the same uid as on the server"))
            : new RunAsDecision(true, true, owner.Uid, owner.Gid, accountName, null);
    }
}
