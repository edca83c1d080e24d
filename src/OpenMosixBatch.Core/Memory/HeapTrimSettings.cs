namespace OpenMosixBatch.Core.Memory;

/// <summary>
/// When <see cref="HeapTrimPolicy"/> gives an idle server's memory back: after a burst that allocated at least
/// <paramref name="BurstBytes"/>, once allocation has stayed at or below <paramref name="QuietBytesPerSecond"/> for
/// <paramref name="QuietPeriod"/>.
/// </summary>
/// <param name="BurstBytes">Bytes allocated while busy that make a trim worth its one full collection.</param>
/// <param name="QuietBytesPerSecond">The allocation rate an idle server stays under (its periodic passes).</param>
/// <param name="QuietPeriod">How long the server must stay quiet before the trim.</param>
public sealed record HeapTrimSettings(long BurstBytes, long QuietBytesPerSecond, TimeSpan QuietPeriod)
{
    /// <summary>
    /// 64 MB: a few thousand submissions or a few listings of a long queue; far above what an idle server allocates in
    /// an hour of its own passes, which never count towards a burst anyway (they stay under the quiet rate).
    /// </summary>
    public const long DefaultBurstBytes = 64L << 20;

    /// <summary>
    /// 2 MB/s: an idle server with 100,000 waiting jobs allocates well under it (its once-a-second admission pass and
    /// its 5 s wait-reason sweep); a single submission or qstat a second stays under it too, a stream does not.
    /// </summary>
    public const long DefaultQuietBytesPerSecond = 2L << 20;

    /// <summary>5 s: longer than the pauses between the requests of a client's burst, short enough to be in time.</summary>
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The defaults above.</summary>
    public static HeapTrimSettings Default { get; } = new(DefaultBurstBytes, DefaultQuietBytesPerSecond, DefaultQuietPeriod);
}
