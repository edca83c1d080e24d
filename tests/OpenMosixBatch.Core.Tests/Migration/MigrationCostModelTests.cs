using CsCheck;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class MigrationCostModelTests
{
    [Fact]
    public void RemainingWork_WithWalltimeEstimate_IsEstimateMinusElapsed()
    {
        var t = new PlannerTask(1, 0, "a", "a") { CpuTime = TimeSpan.FromHours(5), WalltimeEstimate = TimeSpan.FromHours(2), Elapsed = TimeSpan.FromMinutes(30) };

        Assert.Equal(TimeSpan.FromMinutes(90).TotalMicroseconds, MigrationCostModel.RemainingWork(t));
    }

    [Fact]
    public void RemainingWork_PastTheEstimate_IsZero()
    {
        var t = new PlannerTask(1, 0, "a", "a") { CpuTime = TimeSpan.FromHours(5), WalltimeEstimate = TimeSpan.FromHours(1), Elapsed = TimeSpan.FromHours(2) };

        Assert.Equal(0, MigrationCostModel.RemainingWork(t));
    }

    [Fact]
    public void RemainingWork_WithoutEstimate_IsTheCpuTimeSoFar()
    {
        var t = new PlannerTask(1, 0, "a", "a") { CpuTime = TimeSpan.FromMinutes(7), Elapsed = TimeSpan.FromHours(3) };

        Assert.Equal(TimeSpan.FromMinutes(7).TotalMicroseconds, MigrationCostModel.RemainingWork(t));
    }

    [Theory]
    [InlineData(1.0, 1, 0.0, 1.0)]
    [InlineData(1.0, 1, 1.0, 1.0)]
    [InlineData(1.0, 1, 3.0, 1.0 / 3)]
    [InlineData(2.0, 2, 4.0, 1.0)]
    [InlineData(2.0, 4, 2.0, 2.0)]
    [InlineData(1.0, 0, 0.0, 0.0)]
    [InlineData(0.0, 4, 1.0, 0.0)]
    [InlineData(double.NaN, 4, 1.0, 0.0)]
    [InlineData(1.0, 2, double.NaN, 1.0)]
    public void ProgressRate_IsSpeedTimesCpuShare(double speed, int cpus, double demand, double rate) =>
        Assert.Equal(rate, MigrationCostModel.ProgressRate(speed, cpus, demand), 12);

    [Fact]
    public void RemotePenaltyFraction_ChargesRemoteMinusHomePerKbRead()
    {
        var t = new PlannerTask(1, 0, "a", "a") { ReadKbPerSecond = 1000 };

        Assert.Equal(1000 * (18 - 11) / 1e6, MigrationCostModel.RemotePenaltyFraction(t, Overheads.Defaults), 12);
    }

    [Fact]
    public void RemotePenaltyFraction_ChargesBaseOverheadsPerCall()
    {
        var o = Overheads.Defaults with { RemoteReadBase = 50, HomeReadBase = 10, RemoteWriteBase = 30, HomeWriteBase = 0 };
        var t = new PlannerTask(1, 0, "a", "a") { ReadCallsPerSecond = 100, WriteCallsPerSecond = 10 };

        Assert.Equal(((100 * 40) + (10 * 30)) / 1e6, MigrationCostModel.RemotePenaltyFraction(t, o), 12);
    }

    [Fact]
    public void RemotePenaltyFraction_NegativeDifferences_CountAsZero()
    {
        // FAQ defaults: remote syscall 38 < home 39, remote per KB written 12 < home 18.
        var t = new PlannerTask(1, 0, "a", "a") { WriteKbPerSecond = 1e6, SyscallsPerSecond = 1e6 };

        Assert.Equal(0, MigrationCostModel.RemotePenaltyFraction(t, Overheads.Defaults));
    }

    [Fact]
    public void CompletionTime_AwayFromHome_AddsThePenaltyForTheTimeAway()
    {
        Assert.Equal(2e6, MigrationCostModel.CompletionTime(1e6, 0.5, awayFromHome: false, penaltyFraction: 0.5));
        Assert.Equal(3e6, MigrationCostModel.CompletionTime(1e6, 0.5, awayFromHome: true, penaltyFraction: 0.5));
        Assert.Equal(MigrationCostModel.MaxTime, MigrationCostModel.CompletionTime(1e6, 0, awayFromHome: false, penaltyFraction: 0));
        Assert.Equal(0, MigrationCostModel.CompletionTime(0, 0, awayFromHome: true, penaltyFraction: 1));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(-5L, 0L)]
    [InlineData(1L, 1L)]
    [InlineData(4096L, 1L)]
    [InlineData(4097L, 2L)]
    [InlineData(1L << 30, 262144L)]
    public void DirtyPages_AreBytesOver4096RoundedUp(long bytes, long pages) =>
        Assert.Equal(pages, MigrationCostModel.DirtyPages(bytes));

    [Theory]
    [InlineData(0L, 8141 + 36 + 40)]
    [InlineData(1L << 20, 8141 + (256 * 351) + 36 + 40 + (1024 * (88 + 19)))]
    [InlineData(1L, 8141 + 351 + 36 + 40 + 88 + 19)]
    public void MigrationCost_IsEmptyPlusPagesPlusOmfsTransfer(long bytes, double cost) =>
        Assert.Equal(cost, MigrationCostModel.MigrationCost(bytes, Overheads.Defaults, MfsCosts.Defaults));

    [Fact]
    public void MigrationCost_NeverDecreasesAsTheCheckpointGrows() =>
        Gen.Select(Gen.Long[0, 1L << 50], Gen.Long[0, 1L << 40]).Sample((bytes, more) =>
            MigrationCostModel.MigrationCost(bytes + more, Overheads.Defaults, MfsCosts.Defaults)
            >= MigrationCostModel.MigrationCost(bytes, Overheads.Defaults, MfsCosts.Defaults));

    [Fact]
    public void CompletionTime_NeverIncreasesWithAFasterRate_AndIsAlwaysFinite() =>
        Gen.Select(Gen.Double, Gen.Double[0, 100], Gen.Double[0, 100], Gen.Double).Sample((work, rate, faster, penalty) =>
        {
            var slow = MigrationCostModel.CompletionTime(work, rate, true, penalty);
            var fast = MigrationCostModel.CompletionTime(work, rate + faster, true, penalty);
            return double.IsFinite(slow) && slow >= 0 && fast <= slow;
        });

    [Fact]
    public void ProgressRate_NeverExceedsSpeed() =>
        Gen.Select(Gen.Double[0, 10], Gen.Int[-2, 64], Gen.Double).Sample((speed, cpus, demand) =>
        {
            var rate = MigrationCostModel.ProgressRate(speed, cpus, demand);
            return double.IsFinite(rate) && rate >= 0 && rate <= speed;
        });
}
