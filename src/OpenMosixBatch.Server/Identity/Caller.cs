using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

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

    /// <summary>
    /// The job as this caller may know of it: null for a job that does not exist and for another user's alike, so
    /// that every answer built on it (refusal text, exit code, what a dependency shows) is the same for both and no
    /// user can probe for another's jobs. Look jobs up through this, never test ownership beside it.
    /// </summary>
    public Job? Sees(Job? job) => job is not null && MayAccess(job) ? job : null;

    /// <summary>The one answer for a job id that <see cref="Sees"/> turned to null, whoever's job it names, if anyone's.</summary>
    public static string UnknownJob(string id) => $"unknown job {InputText.Quote(id)}: check the id with 'qstat -x'";
}
