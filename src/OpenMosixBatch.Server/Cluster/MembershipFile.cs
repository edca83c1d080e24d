using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>OMB_HOME/members.json: the cluster's nodes in rank order, and the cluster file's nodes an administrator removed.</summary>
internal sealed record MembershipFile(List<MembershipFile.Member> Nodes, List<string> Removed)
{
    /// <summary>
    /// One node as stored. A cut-off node is stored cut, so a restarted server keeps it out of the worlds and held as it
    /// was: its rejoin still waits for its health check, and an administrator's hold on it (pbsnodes -o, kept with its
    /// unreachable mark in nodes.json) still keeps it out. A file written before stores it as a member; the watchdog's
    /// mark then cuts it again on the first look.
    /// </summary>
    internal sealed record Member(string Name, int Cpus, long MemoryBytes, double Speed, string? Host, string? CpuSet, MembershipPhase Phase, bool Now,
        string? Detail, bool Configured)
    {
        /// <summary>GPUs the node declares (absent in a file written before GPUs were known: none).</summary>
        public int Gpus { get; init; }

        /// <summary>True when the cluster file states the node's GPUs, 0 included (absent in an older file: when it has any).</summary>
        public bool? GpusDeclared { get; init; }

        /// <summary>The node's site properties (absent in an older file: none).</summary>
        public List<string>? Properties { get; init; }
    }
}
