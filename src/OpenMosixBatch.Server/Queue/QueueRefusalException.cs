using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>A request the queue refused or could not store; carries the API error to send back.</summary>
/// <param name="error">The answer to the caller.</param>
/// <param name="submission">The kind of a refused submission, for omb_admission_refusals_total; null for other requests.</param>
public sealed class QueueRefusalException(ApiError error, SubmissionRefusalKind? submission = null) : Exception(error.Message)
{
    public ApiError Error { get; } = error;

    /// <summary>The kind of a refused submission; null when the request was not a submission.</summary>
    public SubmissionRefusalKind? Submission { get; } = submission;

    public static QueueRefusalException BadInput(string message) => new(new ApiError(ApiErrorKind.BadInput, message));

    public static QueueRefusalException Refused(string message) => new(new ApiError(ApiErrorKind.Refused, message));

    /// <summary>A submission refused as bad input, counted by its kind.</summary>
    public static QueueRefusalException Submit(SubmissionRefusal refusal) => new(new ApiError(ApiErrorKind.BadInput, refusal.Text), refusal.Kind);
}
