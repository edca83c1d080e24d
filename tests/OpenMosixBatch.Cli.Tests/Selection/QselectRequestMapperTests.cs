using OpenMosixBatch.Cli.Selection;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Selection;

namespace OpenMosixBatch.Cli.Tests.Selection;

public sealed class QselectRequestMapperTests
{
    [Fact]
    public void Map_EveryFilter_BecomesTheSelection()
    {
        var selection = QselectRequestMapper.Map(new QselectOptions
        {
            Users = "ada@login1,bob",
            States = "QH",
            Name = "big",
            Queue = "long@server",
            Resources = ["walltime.gt=1:00:00", "ncpus.ge=2"],
            IncludeFinished = true,
        });

        Assert.Equal(["ada", "bob"], selection.Users);
        Assert.Equal(("QH", "big", "long", true), (selection.States, selection.Name, selection.Queue, selection.IncludeFinished));
        Assert.Equal(
            [new ResourceComparison(SelectableResource.Walltime, ComparisonOperator.Gt, 3600), new ResourceComparison(SelectableResource.Ncpus, ComparisonOperator.Ge, 2)],
            selection.Resources);
    }

    [Theory]
    [InlineData(null, "Z", null, null, "invalid state list 'Z' in -s")]
    [InlineData("ada,", null, null, null, "empty user name in -u")]
    [InlineData(null, null, "9queue", null, "queue")]
    [InlineData(null, null, null, "walltime.gt=soon", "invalid value in -l")]
    public void Map_BadFilter_IsAUsageError(string? users, string? states, string? queue, string? resources, string expected)
    {
        var e = Assert.Throws<CliFailureException>(() => QselectRequestMapper.Map(new QselectOptions
        {
            Users = users,
            States = states,
            Queue = queue,
            Resources = resources is null ? [] : [resources],
        }));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("long", "long")]
    [InlineData("long@server", "long")]
    [InlineData("@server", null)]
    public void Map_Destination_IsTheQueue(string destination, string? queue)
    {
        Assert.Equal(queue, QselectRequestMapper.Map(new QselectOptions { Destination = [destination] }).Queue);
    }

    [Fact]
    public void Map_TwoDestinationsOrDestinationAndQ_IsAUsageError()
    {
        Assert.Equal(ExitCodes.BadUsage, Assert.Throws<CliFailureException>(() => QselectRequestMapper.Map(new QselectOptions { Destination = ["a", "b"] })).ExitCode);
        Assert.Equal(ExitCodes.BadUsage, Assert.Throws<CliFailureException>(() => QselectRequestMapper.Map(new QselectOptions { Destination = ["a"], Queue = "b" })).ExitCode);
    }
}
