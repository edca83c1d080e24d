namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// The 14 openMosix overheads, in microseconds, in the order of <c>/proc/hpc/admin/overheads</c> (and of
/// <c>conf/overheads</c>). Defaults are the openMosix FAQ's values.
/// </summary>
/// <remarks>
/// The planner charges the remote/home differences of the system-call and read/write values while a task runs away
/// from its home node, and the last two values per migration. The demand-page pair is carried for <c>omb tune</c> and
/// calibration only: a task restarted from a checkpoint pages locally on its new node, so it pays no remote paging.
/// </remarks>
public sealed record Overheads(
    long HomeDemandPage,
    long RemoteDemandPage,
    long HomeSyscall,
    long RemoteSyscall,
    long HomeReadBase,
    long HomeReadPerKb,
    long RemoteReadBase,
    long RemoteReadPerKb,
    long HomeWriteBase,
    long HomeWritePerKb,
    long RemoteWriteBase,
    long RemoteWritePerKb,
    long EmptyMigration,
    long PerDirtyPage)
{
    /// <summary>How many values the file holds.</summary>
    public const int Count = 14;

    /// <summary>The openMosix FAQ defaults: 81 150 39 38 0 11 0 18 0 18 0 12 8141 351.</summary>
    public static Overheads Defaults { get; } = new(81, 150, 39, 38, 0, 11, 0, 18, 0, 18, 0, 12, 8141, 351);

    /// <summary>What each value means, in file order (value 1 first), as <c>mosctl gettune</c> names them.</summary>
    public static IReadOnlyList<string> Meanings { get; } =
    [
        "home-node overhead in processing a demand-page",
        "remote overhead in processing a demand-page",
        "home-node overhead in processing a system call",
        "remote overhead in processing a system call",
        "basic home-node overhead for reading data",
        "home-node overhead per 1 KB read",
        "basic remote overhead for reading data",
        "remote overhead per 1 KB read",
        "basic home-node overhead for writing data",
        "home-node overhead per 1 KB written",
        "basic remote overhead for writing data",
        "remote overhead per 1 KB written",
        "migration time of an empty process",
        "extra migration time per dirty page",
    ];

    /// <summary>The values in file order.</summary>
    public long[] ToValues() =>
    [
        HomeDemandPage, RemoteDemandPage, HomeSyscall, RemoteSyscall,
        HomeReadBase, HomeReadPerKb, RemoteReadBase, RemoteReadPerKb,
        HomeWriteBase, HomeWritePerKb, RemoteWriteBase, RemoteWritePerKb,
        EmptyMigration, PerDirtyPage,
    ];

    /// <summary>Builds the record from exactly <see cref="Count"/> values in file order.</summary>
    /// <exception cref="ArgumentException">When the count is not <see cref="Count"/>.</exception>
    public static Overheads FromValues(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Count)
        {
            throw new ArgumentException($"expected {Count} overhead values, got {values.Count}", nameof(values));
        }

        return new(
            values[0], values[1], values[2], values[3], values[4], values[5], values[6],
            values[7], values[8], values[9], values[10], values[11], values[12], values[13]);
    }
}
