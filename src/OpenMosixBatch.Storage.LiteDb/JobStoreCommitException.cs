namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// A batch could not be written. The transaction was rolled back, so nothing of the batch is stored and the caller
/// must not acknowledge the change it described.
/// </summary>
public sealed class JobStoreCommitException : Exception
{
    public JobStoreCommitException()
    {
    }

    public JobStoreCommitException(string message)
        : base(message)
    {
    }

    public JobStoreCommitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
