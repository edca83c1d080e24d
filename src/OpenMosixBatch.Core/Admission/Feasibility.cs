using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Whether any node could ever hold a request; used to refuse impossible jobs at submission.</summary>
public static class Feasibility
{
    /// <summary>Null when some node could hold each chunk; otherwise one line naming the largest node.</summary>
    public static string? WhyNeverFits(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes) => throw new NotImplementedException();
}
