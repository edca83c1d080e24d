using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Identity;

/// <summary>Who is calling, as the kernel told us through the socket, and whether they administer the queue.</summary>
public sealed record Caller(uint Uid, uint Gid, string UserName, bool IsAdministrator)
{
    public JobOwner AsOwner => new(Uid, Gid, UserName);

    /// <summary>Users see and change only their own jobs; administrators see and change all.</summary>
    public bool MayAccess(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return IsAdministrator || job.Owner.Uid == Uid;
    }
}
