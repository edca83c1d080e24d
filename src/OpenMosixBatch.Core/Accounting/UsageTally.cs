namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// The usage of a set of finished jobs, summed so that sets add up (two days, two users) and a job can be taken back
/// out: what a daily rollup keeps (as slurmdbd's usage tables do) and what a line of <c>omb report</c> is made of.
/// </summary>
/// <remarks>Jobs, the waits' sum (in ticks) and the CPU sums are exact; the p95 wait is <see cref="WaitHistogram"/>'s.</remarks>
public sealed class UsageTally
{
    public long Jobs { get; private set; }

    public double CpuSecondsAllocated { get; private set; }

    public double CpuSecondsUsed { get; private set; }

    /// <summary>The sum of the waits, in ticks (exact, so that the mean is).</summary>
    public long WaitTicks { get; private set; }

    public WaitHistogram Waits { get; private init; } = new();

    /// <summary>A tally read back from its stored sums and histogram.</summary>
    public static UsageTally Of(long jobs, double cpuSecondsAllocated, double cpuSecondsUsed, long waitTicks, WaitHistogram waits) =>
        new() { Jobs = jobs, CpuSecondsAllocated = cpuSecondsAllocated, CpuSecondsUsed = cpuSecondsUsed, WaitTicks = waitTicks, Waits = waits };

    public void Add(AccountingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Jobs++;
        CpuSecondsAllocated += record.CpuSecondsAllocated;
        CpuSecondsUsed += record.CpuSecondsUsed;
        WaitTicks += record.Wait.Ticks;
        Waits.Add(record.Wait.TotalSeconds);
    }

    /// <summary>Takes back a record added before (a finished job committed again, e.g. after qrerun); false when it holds none like it.</summary>
    public bool Remove(AccountingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Jobs == 0 || !Waits.Remove(record.Wait.TotalSeconds))
        {
            return false;
        }

        Jobs--;
        CpuSecondsAllocated -= record.CpuSecondsAllocated;
        CpuSecondsUsed -= record.CpuSecondsUsed;
        WaitTicks -= record.Wait.Ticks;
        return true;
    }

    public void Merge(UsageTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Jobs += other.Jobs;
        CpuSecondsAllocated += other.CpuSecondsAllocated;
        CpuSecondsUsed += other.CpuSecondsUsed;
        WaitTicks += other.WaitTicks;
        Waits.Merge(other.Waits);
    }
}
