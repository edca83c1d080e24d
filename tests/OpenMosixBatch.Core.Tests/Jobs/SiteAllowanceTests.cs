using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class SiteAllowanceTests
{
    private static readonly JobSpec Spec = new()
    {
        Name = "j",
        WorkingDirectory = "/w",
        SubmitDirectory = "/w",
        Command = ["true"],
        Resources = new ResourceRequest { Ignored = ["qos=debug", "storage=gdata/ab12"] },
        IgnoredOptions = ["-W x=NACCESSPOLICY:SINGLEJOB", "-k oe"],
    };

    [Fact]
    public void WhyRefused_NothingListed_NamesEveryResourceAndOptionAndTheKeys()
    {
        var why = SiteAllowance.WhyRefused(Spec, SubmissionLimits.Default);

        Assert.NotNull(why);
        Assert.DoesNotContain('\n', why);
        foreach (var named in new[] { "qos=debug", "storage=gdata/ab12", "-W x=NACCESSPOLICY:SINGLEJOB", "-k oe", SubmissionLimits.IgnoredResourcesKey, SubmissionLimits.IgnoredOptionsKey })
        {
            Assert.Contains(named, why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WhyRefused_AllListed_Accepts() =>
        Assert.Null(SiteAllowance.WhyRefused(Spec, SubmissionLimits.Default with
        {
            IgnoredResources = new HashSet<string> { "qos", "storage" },
            IgnoredOptions = new HashSet<string> { "-W x", "-k" },
        }));

    [Fact]
    public void WhyRefused_PartlyListed_NamesOnlyTheRest()
    {
        var why = SiteAllowance.WhyRefused(Spec, SubmissionLimits.Default with { IgnoredResources = new HashSet<string> { "qos" } });

        Assert.DoesNotContain("qos", why, StringComparison.Ordinal);
        Assert.Contains("storage", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-W x=A=B", "-W x")]
    [InlineData("-k oe", "-k")]
    [InlineData("-k", "-k")]
    public void OptionName_IsTheKeyASiteLists(string option, string name) => Assert.Equal(name, SiteAllowance.OptionName(option));

    [Fact]
    public void Validate_SpecWithUnlistedResource_IsRefusedByTheServerCheck() =>
        Assert.Contains("qos=debug", SubmissionValidator.Validate(Spec, [new OpenMosixBatch.Core.Cluster.NodeSnapshot("n1", 4, 4L << 30)], _ => null), StringComparison.Ordinal);
}
