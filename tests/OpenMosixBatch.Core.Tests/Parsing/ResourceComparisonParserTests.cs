using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Selection;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class ResourceComparisonParserTests
{
    [Fact]
    public void Parse_ListOfComparisons_ReadsEachInItsUnit()
    {
        var parsed = ResourceComparisonParser.Parse("walltime.gt=1:00:00,ncpus.ge=2,mem.le=4gb,nodes=1");

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(
            [
                new ResourceComparison(SelectableResource.Walltime, ComparisonOperator.Gt, 3600),
                new ResourceComparison(SelectableResource.Ncpus, ComparisonOperator.Ge, 2),
                new ResourceComparison(SelectableResource.Mem, ComparisonOperator.Le, 4L << 30),
                new ResourceComparison(SelectableResource.Nodes, ComparisonOperator.Eq, 1),
            ],
            parsed.Value!);
    }

    [Theory]
    [InlineData("", "empty -l list")]
    [InlineData("walltime", "invalid -l item 'walltime'")]
    [InlineData("cput.gt=10", "unknown resource 'cput'")]
    [InlineData("ncpus.gte=2", "unknown comparison 'gte'")]
    [InlineData("ncpus.gt=two", "invalid value in -l 'ncpus.gt=two'")]
    [InlineData("walltime.lt=1:x9:00", "invalid value in -l")]
    [InlineData("mem.lt=lots", "invalid value in -l")]
    public void Parse_BadItem_NamesTheProblemOnOneLine(string list, string expected)
    {
        var parsed = ResourceComparisonParser.Parse(list);

        Assert.False(parsed.Ok);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', parsed.Error!);
    }
}
