using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>Server-side checks of a submitted spec: well-formed, feasible on some node, dependencies on known jobs.</summary>
public static class SubmissionValidator
{
    /// <summary>Null when the spec may be accepted; otherwise one line naming the problem and the fix.</summary>
    public static string? Validate(JobSpec spec, IReadOnlyList<NodeSnapshot> nodes, Func<long, Job?> lookup) => throw new NotImplementedException();
}
