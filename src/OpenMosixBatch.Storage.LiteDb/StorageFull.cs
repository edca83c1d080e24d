namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>Tells a full file system (ENOSPC, or EDQUOT: the user's quota) from other write failures.</summary>
public static class StorageFull
{
    // .NET on Unix puts the raw errno into an IOException's HResult.
    private const int NoSpaceErrno = 28;
    private const int QuotaExceededErrno = 122;

    /// <summary>True when <paramref name="error"/> or an exception inside it is a write refused for lack of space.</summary>
    public static bool IsFull(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: NoSpaceErrno or QuotaExceededErrno })
            {
                return true;
            }

            if (e is JobStoreCommitException { DiskFull: true })
            {
                return true;
            }
        }

        return false;
    }
}
