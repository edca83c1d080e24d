namespace OpenMosixBatch.Core.Membership;

/// <summary>Why a membership request was refused (nothing changes).</summary>
public enum MembershipRefusal
{
    None,

    /// <summary><c>omb node add</c> of a node that is already in the cluster (or joining).</summary>
    AlreadyMember,

    /// <summary><c>omb node remove</c> or <c>pbsnodes -c</c> of a node that is not in the cluster.</summary>
    UnknownNode,

    /// <summary>Removing the only member would leave no node to launch a world on.</summary>
    LastMember,
}
