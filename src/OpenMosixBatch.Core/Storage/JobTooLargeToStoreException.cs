using System.Globalization;

namespace OpenMosixBatch.Core.Storage;

/// <summary>
/// <see cref="IJobStore.Commit"/> refused a batch because one job in it is larger than the store can hold as one
/// record; nothing of the batch was written. The other jobs of the batch can be committed without it.
/// </summary>
public sealed class JobTooLargeToStoreException : Exception
{
    public JobTooLargeToStoreException()
    {
    }

    public JobTooLargeToStoreException(string message)
        : base(message)
    {
    }

    public JobTooLargeToStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JobTooLargeToStoreException(long jobId, long bytes, long maxBytes)
        : base(string.Create(CultureInfo.InvariantCulture, $"job {jobId} takes {bytes} bytes as one stored record, more than the store's largest ({maxBytes} bytes)"))
    {
        JobId = jobId;
        Bytes = bytes;
        MaxBytes = maxBytes;
    }

    /// <summary>The job that does not fit.</summary>
    public long JobId { get; }

    /// <summary>Its size as the store would write it.</summary>
    public long Bytes { get; }

    /// <summary>The store's largest record.</summary>
    public long MaxBytes { get; }
}
