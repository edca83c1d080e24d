using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class SchedulePolicyNamesTests
{
    [Fact]
    public void ParseOverlap_EveryFormattedPolicy_RoundTrips()
    {
        foreach (var policy in Enum.GetValues<OverlapPolicy>())
        {
            Assert.Equal(policy, SchedulePolicyNames.ParseOverlap(SchedulePolicyNames.Format(policy)).Value);
        }
    }

    [Fact]
    public void ParseMisfire_EveryFormattedPolicy_RoundTrips()
    {
        foreach (var policy in Enum.GetValues<MisfirePolicy>())
        {
            Assert.Equal(policy, SchedulePolicyNames.ParseMisfire(SchedulePolicyNames.Format(policy)).Value);
        }
    }

    [Theory]
    [InlineData(" QUEUE ", OverlapPolicy.Queue)]
    [InlineData("Allow", OverlapPolicy.Allow)]
    public void ParseOverlap_CaseAndBlanks_AreIgnored(string text, OverlapPolicy expected) =>
        Assert.Equal(expected, SchedulePolicyNames.ParseOverlap(text).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("never")]
    public void ParseOverlap_Unknown_ListsTheChoices(string? text) =>
        Assert.Contains("use skip (the default), queue or allow", SchedulePolicyNames.ParseOverlap(text).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("twice")]
    public void ParseMisfire_Unknown_ListsTheChoices(string? text) =>
        Assert.Contains("use once (the default) or skip", SchedulePolicyNames.ParseMisfire(text).Error, StringComparison.Ordinal);
}
