namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// A batch could not be written. The transaction was rolled back, so nothing of the batch is stored and the caller
/// must not acknowledge the change it described.
/// </summary>
public sealed class JobStoreCommitException : Exception
{
    public JobStoreCommitException()
    {
        DatabasePath = string.Empty;
    }

    public JobStoreCommitException(string message)
        : base(message)
    {
        DatabasePath = string.Empty;
    }

    public JobStoreCommitException(string message, Exception innerException)
        : base(message, innerException)
    {
        DatabasePath = string.Empty;
        DiskFull = StorageFull.IsFull(innerException);
    }

    public JobStoreCommitException(string databasePath, string message, Exception innerException)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
        DiskFull = StorageFull.IsFull(innerException);
    }

    /// <summary>The database file, when known.</summary>
    public string DatabasePath { get; }

    /// <summary>The write failed because the file system holding the database is full (or the quota is used up).</summary>
    public bool DiskFull { get; }
}
