using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>PBS Pro's <c>select=…:bigmem=false</c>: chunks go only to nodes without the property (issue 21).</summary>
public sealed class ExcludedPropertyTests
{
    private static readonly JobSpec Spec = new() { Name = "j", WorkingDirectory = "/w", SubmitDirectory = "/w", Command = ["true"] };

    private static NodeSnapshot Node(string name, params string[] properties) =>
        new(name, 4, 8L << 30, 1.0, 0, 0) { Properties = properties };

    [Fact]
    public void Suits_ANodeWithTheExcludedProperty_IsRefused()
    {
        var request = new ResourceRequest(1, 1) { ExcludedProperties = ["bigmem"] };

        Assert.False(ChunkFit.Suits(Node("n1", "bigmem", "ib"), request));
        Assert.True(ChunkFit.Suits(Node("n2", "ib"), request));
        Assert.True(ChunkFit.Suits(Node("n3"), request));
    }

    [Fact]
    public void Place_SkipsNodesWithTheProperty_EvenWhenTheyAreLarger()
    {
        var ledger = new NodeLedger([new("big", 64, 256L << 30, 1.0, 0, 0) { Properties = ["bigmem"] }, Node("small1"), Node("small2")], UtilizationMode.Allocated);

        var (placed, _) = TaskPlacer.Place(new ResourceRequest(2, 4) { ExcludedProperties = ["bigmem"] }, ledger, new Dictionary<string, int>());

        Assert.NotNull(placed);
        Assert.DoesNotContain("big", placed);
    }

    [Fact]
    public void Place_WhenOnlyNodesWithThePropertyAreUp_SaysWhichNodesItWants()
    {
        var ledger = new NodeLedger([Node("n1", "bigmem")], UtilizationMode.Allocated);

        var (placed, reason) = TaskPlacer.Place(new ResourceRequest(1, 1) { Properties = ["ib"], ExcludedProperties = ["bigmem"] }, ledger, new Dictionary<string, int>());

        Assert.Null(placed);
        Assert.Equal("no node that is up with ib and without bigmem", reason);
    }

    [Fact]
    public void Validate_EveryNodeHasTheProperty_RefusesNamingTheFix()
    {
        var why = SubmissionValidator.Validate(Spec with { Resources = new ResourceRequest(1, 1) { ExcludedProperties = ["bigmem"] } },
            [Node("n1", "bigmem"), Node("n2", "bigmem", "ib")], _ => null);

        Assert.Equal("no node lacks bigmem: the nodes' properties are bigmem, ib; drop bigmem=false, or ask the administrator which nodes to use", why);
    }

    [Fact]
    public void Validate_APropertyNoNodeDeclares_IsFalseEverywhere() =>
        Assert.Null(SubmissionValidator.Validate(Spec with { Resources = new ResourceRequest(1, 1) { ExcludedProperties = ["bigmem"] } }, [Node("n1", "ib")], _ => null));

    [Fact]
    public void Validate_AHugeListOfExcludedProperties_IsOverTheStoredSizeLimit()
    {
        var many = Enumerable.Range(0, 200_000).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var refusal = SubmissionValidator.Check(Spec with { Resources = new ResourceRequest(1, 1) { ExcludedProperties = many } }, [Node("n1")], _ => null,
            SubmissionLimits.Default with { MaxJobBytes = 1L << 20 });

        Assert.Equal(SubmissionRefusalKind.OverLimit, refusal?.Kind);
    }
}
