using CsCheck;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Memory;

namespace OpenMosixBatch.Core.Tests.Memory;

public class HeapTrimPolicyTests
{
    private const long MB = 1L << 20;

    private static readonly HeapTrimSettings Settings = new(64 * MB, 2 * MB, TimeSpan.FromSeconds(5));

    /// <summary>Observes the allocation counter once a <paramref name="step"/> on a fake clock, the way the server does.</summary>
    private sealed class Observer
    {
        private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero));
        private HeapTrimState _state;

        public Observer(long allocated = 1000 * MB)
        {
            Allocated = allocated;
            _state = HeapTrimState.Start(_clock.GetUtcNow(), Allocated);
        }

        public long Allocated { get; private set; }

        public int Trims { get; private set; }

        public HeapTrimState State => _state;

        /// <summary>Allocates <paramref name="bytes"/>, lets <paramref name="step"/> pass, observes; true when it trims.</summary>
        public bool Step(long bytes, TimeSpan step)
        {
            Allocated += bytes;
            _clock.Advance(step);
            var outcome = HeapTrimPolicy.Observe(_state, _clock.GetUtcNow(), Allocated, Settings);
            _state = outcome.Next;
            Trims += outcome.Trim ? 1 : 0;
            return outcome.Trim;
        }

        /// <summary>One observation a second for <paramref name="seconds"/> seconds, <paramref name="perSecond"/> each; the trims seen.</summary>
        public int Seconds(int seconds, long perSecond)
        {
            var trims = 0;
            for (var i = 0; i < seconds; i++)
            {
                trims += Step(perSecond, TimeSpan.FromSeconds(1)) ? 1 : 0;
            }

            return trims;
        }
    }

    [Fact]
    public void Observe_BurstThenQuiet_TrimsOnceWhenTheQuietPeriodIsOver()
    {
        var server = new Observer();
        Assert.Equal(0, server.Seconds(10, 30 * MB));   // a fill: 300 MB in 10 s
        Assert.Equal(0, server.Seconds(4, 0));          // 4 s of quiet: not yet
        Assert.True(server.Step(0, TimeSpan.FromSeconds(1)));
        Assert.Equal(0, server.Seconds(3600, 0));
        Assert.Equal(1, server.Trims);
    }

    [Fact]
    public void Observe_BusyForAnHour_NeverTrims()
    {
        var server = new Observer();
        Assert.Equal(0, server.Seconds(3600, 3 * MB));
        Assert.Equal(3600L * 3 * MB, server.State.BurstBytes);
    }

    [Fact]
    public void Observe_IdleAllocationUnderTheQuietRate_NeverAddsUpToABurst()
    {
        var server = new Observer();
        Assert.Equal(0, server.Seconds(7 * 24 * 3600, 2 * MB));  // a week at the quiet rate: 1.2 TB, none of it a burst
        Assert.Equal(0, server.State.BurstBytes);
    }

    [Fact]
    public void Observe_AfterATrim_IdleAllocationNeverTrimsAgain()
    {
        var server = new Observer();
        server.Seconds(10, 30 * MB);
        server.Seconds(10, 0);
        Assert.Equal(1, server.Trims);
        Assert.Equal(0, server.Seconds(24 * 3600, MB));
        Assert.Equal(1, server.Trims);
    }

    [Fact]
    public void Observe_BurstBelowTheThreshold_DoesNotTrim()
    {
        var server = new Observer();
        server.Seconds(10, 6 * MB);   // 60 MB
        Assert.Equal(0, server.Seconds(600, 0));
    }

    [Fact]
    public void Observe_SmallBurstsThatAddUp_TrimOnceTheyReachTheThreshold()
    {
        // Bursts with quiet stretches between them: the first two (2 x 40 MB) are one 80 MB burst for the trim.
        var server = new Observer();
        server.Seconds(4, 10 * MB);
        Assert.Equal(0, server.Seconds(10, 0));
        server.Seconds(4, 10 * MB);
        Assert.Equal(1, server.Seconds(10, 0));
    }

    [Fact]
    public void Observe_QuietShorterThanThePeriod_WaitsForTheEndOfTheNextBurst()
    {
        var server = new Observer();
        server.Seconds(10, 30 * MB);
        Assert.Equal(0, server.Seconds(4, 0));
        Assert.Equal(0, server.Seconds(1, 5 * MB));     // busy again: the quiet stretch restarts
        Assert.Equal(0, server.Seconds(4, 0));
        Assert.Equal(1, server.Seconds(1, 0));
    }

    [Fact]
    public void Observe_TwoBurstsWithATrimBetween_TrimTwice()
    {
        var server = new Observer();
        server.Seconds(10, 30 * MB);
        server.Seconds(10, 0);
        server.Seconds(10, 30 * MB);
        server.Seconds(10, 0);
        Assert.Equal(2, server.Trims);
    }

    [Fact]
    public void Observe_OneObservationAfterALongGap_TrimsWhenTheGapWasQuiet()
    {
        // A caller that observes rarely (a stalled timer): 300 MB over a minute is 5 MB/s, busy; then a quiet minute.
        var server = new Observer();
        Assert.False(server.Step(300 * MB, TimeSpan.FromMinutes(1)));
        Assert.True(server.Step(MB, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Observe_TheSameInstantWithAllocation_CountsAsBusy()
    {
        var server = new Observer();
        server.Seconds(10, 30 * MB);
        server.Seconds(4, 0);
        Assert.False(server.Step(MB, TimeSpan.Zero));
        Assert.Null(server.State.QuietSince);
    }

    [Fact]
    public void Observe_ClockStepsBackAndCounterGoesDown_CountNeitherTimeNorAllocation()
    {
        var start = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
        var state = new HeapTrimState(start, 1000 * MB, 100 * MB, start.AddSeconds(-3));
        var step = HeapTrimPolicy.Observe(state, start.AddSeconds(-30), 500 * MB, Settings);
        Assert.False(step.Trim);
        Assert.Equal(new HeapTrimState(start, 1000 * MB, 100 * MB, start.AddSeconds(-3)), step.Next);
        // The next real observation, 2 s later and quiet, completes the 5 s from the stretch's start.
        Assert.True(HeapTrimPolicy.Observe(step.Next, start.AddSeconds(2), 1000 * MB, Settings).Trim);
    }

    [Fact]
    public void Observe_AHugeCounter_DoesNotOverflowTheBurst()
    {
        var start = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
        var state = new HeapTrimState(start, 0, long.MaxValue - 10, null);
        var step = HeapTrimPolicy.Observe(state, start.AddSeconds(1), long.MaxValue, Settings);
        Assert.Equal(long.MaxValue, step.Next.BurstBytes);
    }

    [Fact]
    public void Observe_AnySequence_TrimsOnlyAfterAQuietPeriodThatFollowsAFullBurst()
    {
        // Observations 0.1-3 s apart, each interval quiet or busy; after them a long quiet tail. The rules:
        // a trim follows at least QuietPeriod of quiet intervals and at least BurstBytes of busy ones since the last
        // trim; an interval that is busy never trims; and the tail trims exactly when busy bytes are left over.
        var interval = Gen.Select(Gen.Int[100, 3000], Gen.Bool, Gen.Long[0, 40 * MB],
            (ms, busy, extra) => (Ms: ms, Bytes: busy ? (2 * MB * ms / 1000) + 1 + extra : 2 * MB * ms / 1000 * (extra % 2)));
        interval.Array[0, 300].Sample(sequence =>
        {
            var server = new Observer();
            var quiet = TimeSpan.Zero;
            long busySinceTrim = 0;
            foreach (var (ms, bytes) in sequence)
            {
                var step = TimeSpan.FromMilliseconds(ms);
                var busy = bytes > 2 * MB * step.TotalSeconds;
                quiet = busy ? TimeSpan.Zero : quiet + step;
                busySinceTrim += busy ? bytes : 0;
                if (server.Step(bytes, step))
                {
                    Assert.False(busy);
                    Assert.True(quiet >= Settings.QuietPeriod, $"trimmed after {quiet} of quiet");
                    Assert.True(busySinceTrim >= Settings.BurstBytes, $"trimmed after a burst of {busySinceTrim} bytes");
                    busySinceTrim = 0;
                }
                else if (!busy && quiet >= Settings.QuietPeriod)
                {
                    Assert.True(busySinceTrim < Settings.BurstBytes, "a full burst was followed by enough quiet and did not trim");
                }
            }

            var tail = server.Seconds(60, 0);
            Assert.Equal(busySinceTrim >= Settings.BurstBytes ? 1 : 0, tail);
        });
    }
}
