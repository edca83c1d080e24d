using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// A job mapped to the document <see cref="LiteDbJobStore"/> writes and read back, in memory only (nothing touches a
/// file): the server runs it once while it starts, so that a fresh server's first submission does not pay for compiling
/// the mapping's code (most of it generic code over Core's types, which ReadyToRun cannot compile ahead).
/// </summary>
public static class JobDocumentRoundTrip
{
    /// <summary>The job as it would be read back after a commit; throws as a commit of it would.</summary>
    public static Job Of(Job job)
    {
        var document = JobDocument.ToBson(job);
        _ = JobDocument.StoredBytes(document);
        _ = EventDocument.FromBson(EventDocument.ToBson(new Core.Storage.JobEvent(job.Id, job.SubmitTime, "submitted", "warm-up")));
        return JobDocument.FromBson(document);
    }
}
