namespace OpenMosixBatch.Core.Jobs;

/// <summary>Why a submission is refused, by kind: what the server counts refusals by (the text is only shown).</summary>
public enum SubmissionRefusalKind
{
    /// <summary>The request itself is wrong: malformed, a bad name, a resource or array that makes no sense.</summary>
    BadRequest,

    /// <summary>Over one of the administrator's size limits (script, array, dependencies, stored size, chain depth).</summary>
    OverLimit,

    /// <summary>A site resource or option the site does not accept.</summary>
    NotAllowed,

    /// <summary>A dependency on a job the submitter cannot see (missing or another user's).</summary>
    UnknownDependency,

    /// <summary>A queue the server does not have.</summary>
    UnknownQueue,

    /// <summary>No node could ever hold one of its tasks (more CPUs or memory than the largest node).</summary>
    NeverFits,
}
