namespace OpenMosixBatch.Core.Memory;

/// <summary>What <see cref="HeapTrimPolicy"/> remembers between two observations of the allocation counter.</summary>
/// <param name="At">When the last observation was made.</param>
/// <param name="AllocatedBytes">The process's allocation counter at <paramref name="At"/>.</param>
/// <param name="BurstBytes">Bytes allocated in busy intervals since the last trim (or the start).</param>
/// <param name="QuietSince">When the current quiet stretch began; null while busy.</param>
public readonly record struct HeapTrimState(DateTimeOffset At, long AllocatedBytes, long BurstBytes, DateTimeOffset? QuietSince)
{
    /// <summary>The state of a server first observed at <paramref name="now"/>: no burst yet, quiet from then on.</summary>
    public static HeapTrimState Start(DateTimeOffset now, long allocatedBytes) => new(now, allocatedBytes, 0, now);
}
