using LiteDB;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// Reads the jobs of a job database (the server's <c>omb.db</c> or a backup of it) without changing the file: what
/// <c>omb simulate --history</c> replays.
/// </summary>
/// <remarks>
/// Opened read-only, so that no index is created, no log is checkpointed and a backup stays byte for byte as it was;
/// <see cref="LiteDbJobStore.Open"/> would do all three.
/// </remarks>
public static class LiteDbJobHistory
{
    /// <summary>Every job stored in <paramref name="path"/>, in id order.</summary>
    /// <exception cref="JobStoreCorruptException">The file is not a readable job database.</exception>
    public static IReadOnlyList<Job> ReadJobs(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"{fullPath}: no such file", fullPath);
        }

        try
        {
            using var database = new LiteDatabase(new ConnectionString { Filename = fullPath, Connection = ConnectionType.Direct, ReadOnly = true });
            var jobs = database.GetCollection(LiteDbJobStore.JobsCollection).FindAll().Select(JobDocument.FromBson).ToList();
            jobs.Sort((a, b) => a.Id.CompareTo(b.Id));
            return jobs;
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException) || e is EndOfStreamException)
        {
            // LiteDB reports a file that is not one of its own in several ways (LiteException, NotSupportedException
            // for an unknown header, a JSON error from a document): all of them mean the same to the reader.
            throw new JobStoreCorruptException(fullPath, $"not a readable job database: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}", e);
        }
    }
}
