using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Execution;

// Who a task, or a part of it (omb rsh), runs as on this node.
public sealed partial class TaskRunner
{
    /// <summary>
    /// The identity the job's processes run as here (<see cref="RunAsPolicy"/>, then <c>-W group_list</c>'s primary
    /// group), or null with the refusal.
    /// </summary>
    private (RunAsDecision? Identity, string? Refusal) IdentityOf(Job job)
    {
        var identity = RunAsPolicy.Decide(job.Owner, runAs.NodeUid, runAs.AllowRootJobs, UserAccounts.NameOf(job.Owner.Uid), nodeName);
        if (!identity.Start)
        {
            return (null, identity.Reason);
        }

        // -W group_list picks the primary group of a task the node starts as its owner; a node that runs every task as
        // itself has no group to choose.
        if (identity.SwitchUser && job.Spec.GroupList is { } group)
        {
            var (gid, refusal) = GroupListPolicy.Decide(group, UserAccounts.GroupIdOf(group), identity.Gid, UserAccounts.GroupsOf(identity.UserName, identity.Gid));
            if (refusal is not null)
            {
                return (null, refusal);
            }

            identity = identity with { Gid = gid };
        }

        return (identity, null);
    }
}
