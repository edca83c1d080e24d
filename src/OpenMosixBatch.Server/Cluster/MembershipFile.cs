using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>OMB_HOME/members.json: the cluster's nodes in rank order, and the cluster file's nodes an administrator removed.</summary>
internal sealed record MembershipFile(List<MembershipFile.Member> Nodes, List<string> Removed)
{
    /// <summary>One node as stored (a cut-off member is stored as a member: the cut lives in nodes.json).</summary>
    internal sealed record Member(string Name, int Cpus, long MemoryBytes, double Speed, string? Host, string? CpuSet, MembershipPhase Phase, bool Now,
        string? Detail, bool Configured)
    {
        /// <summary>GPUs the node declares (absent in a file written before GPUs were known: none).</summary>
        public int Gpus { get; init; }

        /// <summary>The node's site properties (absent in an older file: none).</summary>
        public List<string>? Properties { get; init; }
    }
}
