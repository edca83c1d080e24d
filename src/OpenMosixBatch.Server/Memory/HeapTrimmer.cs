using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Memory;
using OpenMosixBatch.Server.Metrics;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Memory;

/// <summary>
/// Gives an idle server's garbage back to the system: it reads the process's allocation counter once a second and,
/// when <see cref="HeapTrimPolicy"/> says a burst is over, runs one compacting full collection in the GC's aggressive
/// mode, which also returns the freed memory to the system. Off with <c>Omb:Memory:TrimAfterBurst</c> false.
/// </summary>
/// <remarks>
/// Without it, 90,000 submissions left a server with 91 MB of live objects at 309 MB resident: the fill's garbage sat
/// in the oldest generation, which only more allocation would have collected, and an idle server allocates too little
/// to get there. The trim pauses the server once per burst for one collection of its live objects, while nothing is
/// asking anything of it. Reading the counter costs microseconds a second, so an idle server stays idle.
/// </remarks>
public sealed partial class HeapTrimmer(IOptions<OmbServerOptions> options, TimeProvider time, ILogger<HeapTrimmer> logger) : BackgroundService
{
    /// <summary>How often the allocation counter is read.</summary>
    public static readonly TimeSpan ObservationPeriod = TimeSpan.FromSeconds(1);

    private long _ticksSet;
    private long _trims;

    /// <summary>
    /// How many times the trimmer has set the timer of its next observation (tests wait on it before they move a fake
    /// clock: a host runs <see cref="ExecuteAsync"/> on a thread of its own, so even the first may come late).
    /// </summary>
    public long TicksSet => Interlocked.Read(ref _ticksSet);

    /// <summary>Trims so far.</summary>
    public long Trims => Interlocked.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var memory = options.Value.Memory;
        if (!memory.TrimAfterBurst)
        {
            return;
        }

        var settings = memory.ToSettings();
        var state = HeapTrimState.Start(time.GetUtcNow(), GC.GetTotalAllocatedBytes());
        var tick = Task.Delay(ObservationPeriod, time, stoppingToken);
        Interlocked.Increment(ref _ticksSet);
        while (true)
        {
            try
            {
                await tick.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var step = HeapTrimPolicy.Observe(state, time.GetUtcNow(), GC.GetTotalAllocatedBytes(), settings);
            state = step.Next;
            if (step.Trim)
            {
                Trim();
            }

            // The next tick is set before the count moves: whoever waits for the count may move the clock at once.
            tick = Task.Delay(ObservationPeriod, time, stoppingToken);
            Interlocked.Increment(ref _ticksSet);
        }
    }

    private void Trim()
    {
        var residentBefore = Environment.WorkingSet;
        var started = time.GetTimestamp();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsed = time.GetElapsedTime(started);
        var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Interlocked.Increment(ref _trims);
        ServerMeter.HeapTrims.Add(1);
        LogTrimmed(residentBefore >> 20, Environment.WorkingSet >> 20, heap.HeapSizeBytes >> 20, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "heap trimmed after a burst: resident {BeforeMb} MB -> {AfterMb} MB, {HeapMb} MB live, one full collection of {Ms:F0} ms")]
    private partial void LogTrimmed(long beforeMb, long afterMb, long heapMb, double ms);
}
