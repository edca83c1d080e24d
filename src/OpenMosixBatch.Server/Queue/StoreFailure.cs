using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The one line a caller gets when the store could not write a change: a full disk (507) is told apart, as its fix is the administrator's.</summary>
public static class StoreFailure
{
    /// <summary>The error for a failed write of <paramref name="what"/> (e.g. "the change"); <paramref name="consequence"/> says what did not happen.</summary>
    public static ApiError Describe(Exception error, string what, string consequence = "nothing was queued or changed")
    {
        ArgumentNullException.ThrowIfNull(error);
        if (StorageFull.IsFull(error))
        {
            var directory = FindDatabasePath(error) is { Length: > 0 } path ? Path.GetDirectoryName(path) : null;
            var where = directory is null ? "the server's OMB_HOME" : $"OMB_HOME {directory}";
            return new ApiError(ApiErrorKind.StorageFull,
                $"could not store {what}: the disk is full ({where} has no space left), so {consequence}; free space there and retry (the server recovers by itself, no restart needed)");
        }

        return new ApiError(ApiErrorKind.Unavailable,
            $"could not store {what} ({OneLine(error.Message)}): {consequence}; check the disk of OMB_HOME (space, permissions) and try again");
    }

    private static string? FindDatabasePath(Exception error)
    {
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            if (e is JobStoreCommitException { DatabasePath.Length: > 0 } commit)
            {
                return commit.DatabasePath;
            }
        }

        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
