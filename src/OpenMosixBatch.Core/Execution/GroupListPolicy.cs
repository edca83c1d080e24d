using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// PBS's <c>-W group_list=GROUP</c>: the task runs with GROUP as its primary group when its owner belongs to it, as
/// newgrp would allow; a group the owner does not belong to, or that the node does not know, stops the start with the
/// reason, since running under another group would change who may read the job's files.
/// </summary>
public static class GroupListPolicy
{
    /// <param name="requested">The group asked for, or null for the owner's own.</param>
    /// <param name="requestedGid">Its gid on this node, or null when the node has no such group.</param>
    /// <param name="primaryGid">The owner's primary gid.</param>
    /// <param name="memberOf">The groups the owner belongs to on this node.</param>
    /// <returns>The gid to run as, or the reason the task cannot start.</returns>
    public static (uint Gid, string? Refusal) Decide(string? requested, uint? requestedGid, uint primaryGid, IReadOnlyCollection<uint> memberOf)
    {
        ArgumentNullException.ThrowIfNull(memberOf);
        if (requested is null)
        {
            return (primaryGid, null);
        }

        if (requestedGid is not { } gid)
        {
            return (primaryGid, $"group_list group '{requested}' does not exist on this node: submit with a group of yours (see 'id'), or without -W group_list");
        }

        return gid == primaryGid || memberOf.Contains(gid)
            ? (gid, null)
            : (primaryGid, string.Create(CultureInfo.InvariantCulture, $"the job's owner is not a member of group_list group '{requested}' (gid {gid}): submit with a group of yours (see 'id')"));
    }
}
