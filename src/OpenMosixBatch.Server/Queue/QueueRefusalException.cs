using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Server.Queue;

/// <summary>A request the queue refused or could not store; carries the API error to send back.</summary>
public sealed class QueueRefusalException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;

    public static QueueRefusalException BadInput(string message) => new(new ApiError(ApiErrorKind.BadInput, message));

    public static QueueRefusalException Refused(string message) => new(new ApiError(ApiErrorKind.Refused, message));
}
