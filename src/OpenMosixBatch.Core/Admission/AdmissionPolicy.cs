using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>DESIGN §7: decides which queued tasks start now and where, and why the others wait.</summary>
public static class AdmissionPolicy
{
    public static AdmissionPlan Plan(IReadOnlyList<Job> jobs, IReadOnlyList<NodeSnapshot> nodes, AdmissionSettings settings, DateTimeOffset now) =>
        throw new NotImplementedException();
}
