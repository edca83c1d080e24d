namespace OpenMosixBatch.Core.Memory;

/// <summary>
/// Decides when an idle server gives the garbage of its last burst back to the system: a burst of submissions or of
/// listings leaves its garbage in the oldest generation, which a server with nothing to do never collects, so its
/// resident memory stays at the burst's peak. One compacting full collection once the burst is over returns it.
/// </summary>
/// <remarks>
/// The caller observes the process's allocation counter (monotonic) at its own pace, e.g. every second. An interval
/// whose allocation exceeds the quiet rate is busy: its bytes count towards the burst and the quiet stretch restarts.
/// The trim comes once the burst reached <see cref="HeapTrimSettings.BurstBytes"/> and the server has been quiet for
/// <see cref="HeapTrimSettings.QuietPeriod"/>; the burst then starts again from zero. So it fires once per burst, never
/// while the server is busy, and never again without a new burst: an idle server's own slow allocation stays under
/// the quiet rate and never adds up to one.
/// </remarks>
public static class HeapTrimPolicy
{
    /// <summary>Takes the observation of <paramref name="allocatedBytes"/> at <paramref name="now"/> into <paramref name="state"/>.</summary>
    public static HeapTrimStep Observe(HeapTrimState state, DateTimeOffset now, long allocatedBytes, HeapTrimSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // A clock that stepped back or a counter that went down counts as no time and no allocation.
        var seconds = Math.Max(0, (now - state.At).TotalSeconds);
        var allocated = Math.Max(0, allocatedBytes - state.AllocatedBytes);
        var at = now > state.At ? now : state.At;
        var counter = Math.Max(allocatedBytes, state.AllocatedBytes);
        if (allocated > settings.QuietBytesPerSecond * seconds)
        {
            var burst = state.BurstBytes > long.MaxValue - allocated ? long.MaxValue : state.BurstBytes + allocated;
            return new HeapTrimStep(new HeapTrimState(at, counter, burst, null), false);
        }

        var quietSince = state.QuietSince ?? state.At;
        var trim = state.BurstBytes >= settings.BurstBytes && at - quietSince >= settings.QuietPeriod;
        return new HeapTrimStep(new HeapTrimState(at, counter, trim ? 0 : state.BurstBytes, quietSince), trim);
    }
}
