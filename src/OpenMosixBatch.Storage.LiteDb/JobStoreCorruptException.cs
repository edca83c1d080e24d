namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The job database file cannot be read: it is not a LiteDB file, it was truncated, or a stored job does not parse.
/// The message names the file and how to recover; the server refuses to start rather than run on a partial queue.
/// </summary>
public sealed class JobStoreCorruptException : Exception
{
    public JobStoreCorruptException()
    {
        DatabasePath = string.Empty;
    }

    public JobStoreCorruptException(string message)
        : base(message)
    {
        DatabasePath = string.Empty;
    }

    public JobStoreCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        DatabasePath = string.Empty;
    }

    public JobStoreCorruptException(string databasePath, string problem, Exception innerException)
        : base(
            $"the job database {databasePath} is damaged ({problem}): restore the newest backup with 'omb server --restore-backup' " +
            "(it keeps the damaged file aside), or move the file away to start with an empty queue",
            innerException)
    {
        DatabasePath = databasePath;
        Problem = problem;
    }

    /// <summary>The damaged file.</summary>
    public string DatabasePath { get; }

    /// <summary>What is wrong with it, without the fix (the server names the fix that fits its backups).</summary>
    public string Problem { get; } = string.Empty;
}
