using LiteDB;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The database file itself: opened again after a write failed on it, backed up, shared with the schedule store, closed,
/// and how its failures are told apart (unreachable, full, damaged).
/// </summary>
public sealed partial class LiteDbJobStore
{
    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="destinationPath"/>, replacing it atomically: the log
    /// is checkpointed into the data file (which LiteDB fsyncs), the data file is copied to a temporary file beside the
    /// destination, flushed to disk, and renamed over the destination. Commits wait while the copy is made.
    /// </summary>
    public void Backup(string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var destination = Path.GetFullPath(destinationPath);
        if (string.Equals(destination, DatabasePath, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the backup path {destination} is the database itself: choose another file, e.g. {DatabasePath}.bak", nameof(destinationPath));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".tmp";
        try
        {
            lock (_gate)
            {
                EnsureOpen();
                try
                {
                    _database!.Checkpoint();
                }
                catch (Exception ex) when (IsFileFailure(ex))
                {
                    CloseAfterFailure();
                    throw;
                }

                using var source = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
                source.CopyTo(target);
                target.Flush(flushToDisk: true);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on this store's database under its lock: the schedule store keeps its collection in
    /// the same file (one LiteDB instance per file, and one transaction at a time on it).
    /// </summary>
    internal T WithDatabase<T>(Func<LiteDatabase, T> work)
    {
        lock (_gate)
        {
            EnsureOpen();
            try
            {
                return work(_database!);
            }
            catch (Exception ex) when (IsFileFailure(ex))
            {
                CloseAfterFailure();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Closing checkpoints the log into the data file; on a full disk that fails, and the log, still whole,
            // is replayed by the next open instead.
            DisposeQuietly(_database);
            _database = null;
        }
    }

    private static LiteDatabase OpenFile(string path) =>
        new(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });

    private static (LiteDatabase, ILiteCollection<BsonDocument>, ILiteCollection<BsonDocument>, ILiteCollection<BsonDocument>) Bind(LiteDatabase database) =>
        (database, database.GetCollection(JobsCollection, BsonAutoId.Int64), database.GetCollection(EventsCollection, BsonAutoId.Int64), database.GetCollection(MetaCollection));

    /// <summary>Opens the file again after a write failed on it (see <see cref="_database"/>); a no-op while it is open.</summary>
    private void EnsureOpen()
    {
        if (_database is null)
        {
            (_database, _jobs, _events, _meta) = Bind(OpenFile(DatabasePath));
        }
    }

    private void CloseAfterFailure()
    {
        _counter = null;
        _freshFrom = null;
        DisposeQuietly(_database);
        _database = null;
    }

    private JobStoreCommitException Failed(JobStoreBatch batch, Exception ex) => new(
        DatabasePath,
        $"could not write a batch of {batch.Upserts.Count} job(s) and {batch.Events.Count} event(s) to {DatabasePath} ({Describe(ex)}): nothing of it was stored; " +
        (StorageFull.IsFull(ex) ? $"the file system of {Path.GetDirectoryName(DatabasePath)} is full: free space there and retry" : "check the disk (space, permissions) and retry"),
        ex);

    /// <summary>The file could not be read or written (full disk, I/O error): LiteDB has shut its engine down.</summary>
    private static bool IsFileFailure(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is IOException and not EndOfStreamException and not FileNotFoundException || e is LiteException { ErrorCode: LiteException.ENGINE_DISPOSED })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Failures that mean the file's content is bad, as opposed to the file being unreachable.</summary>
    private static bool IsDamage(Exception ex) => ex switch
    {
        UnauthorizedAccessException => false,
        DirectoryNotFoundException => false,
        EndOfStreamException => true,
        IOException => false,
        _ => true,
    };

    private static string Describe(Exception ex) =>
        ex.Message.ReplaceLineEndings(" ").TrimEnd('.');

    private static void DisposeQuietly(LiteDatabase? database)
    {
        try
        {
            database?.Dispose();
        }
        catch (Exception e) when (e is LiteException or IOException or ObjectDisposedException)
        {
            // Closing a damaged file, or one on a full disk, may fail again; the first error is the one reported.
        }
    }
}
