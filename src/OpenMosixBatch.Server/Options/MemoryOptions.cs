using System.Globalization;
using OpenMosixBatch.Core.Memory;

namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Memory": the heap trim after a burst. A burst of submissions or listings leaves its garbage in the
/// oldest generation, which an idle server never collects; the trim (one compacting full collection, once the server
/// has been quiet for <see cref="QuietPeriod"/>) gives it back to the system (<see cref="HeapTrimPolicy"/>).
/// </summary>
public sealed class MemoryOptions
{
    /// <summary>Whether the server trims its heap after a burst (default on).</summary>
    public bool TrimAfterBurst { get; set; } = true;

    /// <summary>MB allocated while busy that make a burst worth a trim.</summary>
    public int BurstMegabytes { get; set; } = (int)(HeapTrimSettings.DefaultBurstBytes >> 20);

    /// <summary>The allocation rate, in MB/s, at or under which the server counts as quiet.</summary>
    public int QuietMegabytesPerSecond { get; set; } = (int)(HeapTrimSettings.DefaultQuietBytesPerSecond >> 20);

    /// <summary>How long the server must be quiet after a burst before the trim.</summary>
    public TimeSpan QuietPeriod { get; set; } = HeapTrimSettings.DefaultQuietPeriod;

    /// <summary>The policy's settings; call on valid options only.</summary>
    public HeapTrimSettings ToSettings() => new((long)BurstMegabytes << 20, (long)QuietMegabytesPerSecond << 20, QuietPeriod);

    /// <summary>Null when valid; otherwise one line naming the setting and the fix.</summary>
    public string? Problem() =>
        BurstMegabytes is < 1 or > 1 << 20
            ? string.Create(CultureInfo.InvariantCulture, $"Omb:Memory:BurstMegabytes is {BurstMegabytes}: use from 1 to 1048576 (MB), e.g. 64")
        : QuietMegabytesPerSecond is < 1 or > 1 << 20
            ? string.Create(CultureInfo.InvariantCulture, $"Omb:Memory:QuietMegabytesPerSecond is {QuietMegabytesPerSecond}: use from 1 to 1048576 (MB/s), e.g. 2")
        : QuietPeriod < TimeSpan.FromSeconds(1) || QuietPeriod > TimeSpan.FromHours(1)
            ? string.Create(CultureInfo.InvariantCulture, $"Omb:Memory:QuietPeriod is {QuietPeriod}: use from 1 second to 1 hour, e.g. 00:00:05")
        : null;
}
