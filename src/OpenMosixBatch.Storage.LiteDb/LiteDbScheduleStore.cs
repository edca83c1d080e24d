using LiteDB;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The durable <see cref="IScheduleStore"/>: the collection <c>schedules</c> (one document per schedule, keyed by
/// owner and name, see <see cref="ScheduleDocument"/>) in the job store's own database file, through the job store's LiteDB instance and lock. One file means one
/// backup and one place for an administrator to look; sharing the instance is required, since a LiteDB file opened
/// twice in direct mode by one process would corrupt it. Durability is the job store's (see <see cref="LiteDbJobStore"/>).
/// The job store owns the database: dispose it, not this.
/// </summary>
public sealed class LiteDbScheduleStore : IScheduleStore
{
    private const string CollectionName = "schedules";
    private readonly LiteDbJobStore _jobs;

    private LiteDbScheduleStore(LiteDbJobStore jobs)
    {
        _jobs = jobs;
    }

    /// <summary>
    /// The schedule store in <paramref name="jobs"/>' database; reads every schedule once so that a damaged
    /// collection fails here with <see cref="JobStoreCorruptException"/>, and rewrites the documents of a previous
    /// version keyed by name alone under their owner and name.
    /// </summary>
    public static LiteDbScheduleStore Open(LiteDbJobStore jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var store = new LiteDbScheduleStore(jobs);
        var nameKeyed = store.NameKeyedIds();
        var schedules = store.Load();
        if (nameKeyed.Count > 0)
        {
            store.Replace(nameKeyed, schedules.Where(s => nameKeyed.Contains(s.Name)).ToList());
        }

        return store;
    }

    public IReadOnlyList<Schedule> Load() => _jobs.WithDatabase(database =>
    {
        try
        {
            return (IReadOnlyList<Schedule>)[.. Collection(database).FindAll().Select(ScheduleDocument.FromBson).OrderBy(ScheduleKey.Of, ScheduleKey.Order)];
        }
        catch (Exception ex) when (ex is InvalidDataException or LiteException)
        {
            throw new JobStoreCorruptException(_jobs.DatabasePath, $"reading the stored schedules failed: {ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}", ex);
        }
    });

    public void Put(IReadOnlyList<Schedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        Replace([], schedules);
    }

    public bool Delete(ScheduleKey key)
    {
        ArgumentNullException.ThrowIfNull(key.Name);
        return _jobs.WithDatabase(database => Collection(database).Delete(ScheduleDocument.IdOf(key)));
    }

    /// <summary>The ids (names) of the documents stored by the version that keyed schedules by name alone.</summary>
    private HashSet<string> NameKeyedIds() => _jobs.WithDatabase(database =>
        Collection(database).FindAll().Where(ScheduleDocument.IsNameKeyed).Select(d => d["_id"]).Where(id => id.IsString).Select(id => id.AsString).ToHashSet(StringComparer.Ordinal));

    /// <summary>Deletes the documents <paramref name="oldIds"/> and upserts <paramref name="schedules"/>, in one transaction.</summary>
    private void Replace(IReadOnlyCollection<string> oldIds, IReadOnlyList<Schedule> schedules)
    {
        _jobs.WithDatabase(database =>
        {
            if (!database.BeginTrans())
            {
                throw new JobStoreCommitException($"could not begin a transaction on {_jobs.DatabasePath}: a transaction is already open on this thread");
            }

            try
            {
                foreach (var id in oldIds)
                {
                    Collection(database).Delete(id);
                }

                // Upsert enumerates lazily: a schedule that fails to map fails after the ones before it, and the rollback undoes those.
                Collection(database).Upsert(schedules.Select(ScheduleDocument.ToBson));
                if (!database.Commit())
                {
                    throw new InvalidOperationException("LiteDB found no open transaction to commit");
                }
            }
            catch (Exception ex)
            {
                RollBackQuietly(database);
                throw new JobStoreCommitException(_jobs.DatabasePath,
                    $"could not write {schedules.Count} schedule(s) to {_jobs.DatabasePath} ({ex.Message}): nothing of it was stored; check the disk (space, permissions) and retry",
                    ex);
            }

            return true;
        });
    }

    /// <summary>After a failed write on a full disk LiteDB has shut its engine down and a rollback throws too; the write's error is the one to report.</summary>
    private static void RollBackQuietly(LiteDatabase database)
    {
        try
        {
            database.Rollback();
        }
        catch (LiteException)
        {
            // The job store reopens the file on its next use.
        }
    }

    private static ILiteCollection<BsonDocument> Collection(LiteDatabase database) => database.GetCollection(CollectionName);
}
