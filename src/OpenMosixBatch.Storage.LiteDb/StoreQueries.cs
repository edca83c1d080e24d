using LiteDB;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The store's filters, with their values passed as parameters (<c>@0</c>, <c>@1</c>), never written into the text.
/// </summary>
/// <remarks>
/// LiteDB 5's <c>Query.EQ</c>, <c>Query.LT</c>, <c>Query.Between</c>… write the value into the expression's text, and
/// LiteDB compiles every text it has not seen (a LINQ expression tree, milliseconds each) into a process-wide cache it
/// never empties. A filter per job id (pruning a job's events, tracejob) or per page (qstat -x from the last id read)
/// thus compiled anew each time, under the store's lock: pruning a backlog of finished jobs held every commit for
/// seconds, and the cache grew by one delegate per job. With parameters the text is the same for every value: it is
/// compiled once, and LiteDB's optimizer still reads the value and seeks the field's index.
/// </remarks>
internal static class StoreQueries
{
    /// <summary><paramref name="field"/> equal to <paramref name="value"/>.</summary>
    public static BsonExpression Equal(string field, BsonValue value) => BsonExpression.Create($"{field} = @0", value);

    /// <summary>An element of the multi-key path <paramref name="keys"/> (<c>$.field[*]</c>) equal to <paramref name="value"/>: a seek of the index on that path.</summary>
    public static BsonExpression AnyEqual(string keys, BsonValue value) => BsonExpression.Create($"{keys} ANY = @0", value);

    /// <summary><paramref name="field"/> below <paramref name="value"/>.</summary>
    public static BsonExpression Below(string field, BsonValue value) => BsonExpression.Create($"{field} < @0", value);

    /// <summary><paramref name="field"/> above <paramref name="value"/>.</summary>
    public static BsonExpression Above(string field, BsonValue value) => BsonExpression.Create($"{field} > @0", value);

    /// <summary><paramref name="field"/> from <paramref name="first"/> to <paramref name="last"/>, both included: one range of its index.</summary>
    public static BsonExpression Between(string field, BsonValue first, BsonValue last) =>
        BsonExpression.Create($"{field} BETWEEN @0 AND @1", first, last);

    /// <summary>
    /// <paramref name="field"/> from <paramref name="first"/> to <paramref name="last"/> (its index's range) and
    /// <paramref name="other"/> equal to <paramref name="value"/>, in one text: <c>Query.And</c> joins its two sides'
    /// texts and would drop their parameters.
    /// </summary>
    public static BsonExpression BetweenAndEqual(string field, BsonValue first, BsonValue last, string other, BsonValue value) =>
        BsonExpression.Create($"{field} BETWEEN @0 AND @1 AND {other} = @2", first, last, value);

    /// <summary>The events of the job <paramref name="jobId"/> (tracejob, and pruning the job).</summary>
    public static BsonExpression EventsOf(long jobId) => Equal(EventDocument.JobIdField, jobId);
}
