using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class MisfireRulesTests
{
    private static readonly DateTimeOffset Two = new(2025, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] ThreeMissed = [Two, Two.AddHours(1), Two.AddHours(2)];
    private static readonly DateTimeOffset Now = Two.AddHours(2).AddMinutes(30);

    [Fact]
    public void Decide_OnceWithThreeMissed_FiresExactlyOnceForTheLatest()
    {
        var decision = MisfireRules.Decide(MisfirePolicy.Once, ThreeMissed, Now);
        Assert.True(decision.FireNow);
        Assert.Equal(Two.AddHours(2), decision.FireTime);
        Assert.Equal(3, decision.MissedCount);
        Assert.Contains("3 fire times", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("fired once", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SkipWithThreeMissed_FiresNothingAndSaysWhy()
    {
        var decision = MisfireRules.Decide(MisfirePolicy.Skip, ThreeMissed, Now);
        Assert.False(decision.FireNow);
        Assert.Null(decision.FireTime);
        Assert.Equal(3, decision.MissedCount);
        Assert.Contains("--misfire once", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MisfirePolicy.Once)]
    [InlineData(MisfirePolicy.Skip)]
    public void Decide_NothingMissed_FiresNothing(MisfirePolicy policy) =>
        Assert.Same(MisfireDecision.NothingMissed, MisfireRules.Decide(policy, [], Now));

    [Fact]
    public void Decide_TimesAfterNow_AreNotMissed()
    {
        var decision = MisfireRules.Decide(MisfirePolicy.Once, [Now.AddMinutes(1)], Now);
        Assert.False(decision.FireNow);
    }

    [Fact]
    public void Decide_UnorderedTimes_FireForTheLatest() =>
        Assert.Equal(Two.AddHours(2), MisfireRules.Decide(MisfirePolicy.Once, [Two.AddHours(2), Two, Two.AddHours(1)], Now).FireTime);

    [Fact]
    public void Decide_OneMissed_NamesThatTime()
    {
        var decision = MisfireRules.Decide(MisfirePolicy.Once, [Two], Now);
        Assert.Contains("2025-06-01 02:00:00 +00:00", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("fire times", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MoreMissedThanListed_SaysTheCountIsALowerBound() =>
        Assert.Contains("more than 3 fire times", MisfireRules.Decide(MisfirePolicy.Once, ThreeMissed, Now, moreMissed: true).Reason, StringComparison.Ordinal);

    [Fact]
    public void Decide_UnknownPolicy_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MisfireRules.Decide((MisfirePolicy)9, ThreeMissed, Now));
}
