using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Metrics;

/// <summary>
/// The <c>reason</c> label of omb_admission_refusals_total: a refused submission's typed kind, or for any other request
/// the kind of its API error. Never taken from the refusal's text.
/// </summary>
public static class RefusalReasons
{
    public static string Label(SubmissionRefusalKind? submission, ApiErrorKind error) => submission switch
    {
        SubmissionRefusalKind.BadRequest => "bad_request",
        SubmissionRefusalKind.OverLimit => "over_limit",
        SubmissionRefusalKind.NotAllowed => "not_allowed",
        SubmissionRefusalKind.UnknownDependency => "unknown_dependency",
        SubmissionRefusalKind.UnknownQueue => "unknown_queue",
        SubmissionRefusalKind.NeverFits => "never_fits",
        _ => error switch
        {
            ApiErrorKind.Refused => "refused",
            ApiErrorKind.BadInput => "bad_input",
            ApiErrorKind.Unavailable => "unavailable",
            _ => "storage_full",
        },
    };
}
