using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

/// <summary>The request as the server stores it: default memory, and site-ignored names out of the placement properties.</summary>
public sealed class RequestResolutionTests
{
    private static readonly HashSet<string> Feature = ["feature"];

    private static JobSpec Spec(ResourceRequest r) => new() { Name = "j", WorkingDirectory = "/w", SubmitDirectory = "/w", Command = ["true"], Resources = r };

    [Fact]
    public void Resolve_AChunkWithoutMemory_GetsTheDefault() =>
        Assert.Equal(1L << 30, RequestResolution.Resolve(new ResourceRequest(1, 1), 1L << 30, Feature).MemoryBytesPerChunk);

    [Fact]
    public void Resolve_NothingToChange_ReturnsTheSameInstance()
    {
        var request = new ResourceRequest(1, 1, 1L << 20) { Properties = ["ib"] };

        Assert.Same(request, RequestResolution.Resolve(request, 1L << 30, Feature));
    }

    [Fact]
    public void Resolve_APropertyTheSiteIgnores_IsRecordedNotPlacedOn()
    {
        var r = RequestResolution.Resolve(new ResourceRequest(1, 1, 1L << 20) { Properties = ["ib", "feature"], ExcludedProperties = ["feature"], Ignored = ["qos=x"] }, 0, Feature);

        Assert.Equal(["ib"], r.Properties);
        Assert.Empty(r.ExcludedProperties);
        Assert.Equal(["qos=x", "feature=True", "feature=False"], r.Ignored);
        Assert.Null(SiteAllowance.WhyRefused(Spec(r), SubmissionLimits.Default with { IgnoredResources = new HashSet<string> { "qos", "feature" } }));
    }

    [Fact]
    public void Resolve_TheSpec_KeepsItsInstanceWhenNothingChanges()
    {
        var spec = Spec(new ResourceRequest(1, 1, 1L << 20));

        Assert.Same(spec, RequestResolution.Resolve(spec, 1L << 30, Feature));
        Assert.Equal(["feature=True"], RequestResolution.Resolve(spec with { Resources = spec.Resources with { Properties = ["feature"] } }, 0, Feature).Resources.Ignored);
    }
}
