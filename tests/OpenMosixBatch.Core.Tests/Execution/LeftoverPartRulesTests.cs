using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class LeftoverPartRulesTests
{
    private static readonly ShepherdStart Start = new(4242, 1000, 4243);
    private static readonly TaskEnd Exit3 = new(3, TimeSpan.FromSeconds(2), 8 << 20);

    [Theory]
    [InlineData(ProcessLiveness.Alive)]
    [InlineData(ProcessLiveness.Unknown)]
    public void Decide_ShepherdAliveOrUnknownWithoutEnd_EndsThePart(ProcessLiveness shepherd) =>
        Assert.Equal(LeftoverPartVerdict.End, LeftoverPartRules.Decide(Start, end: null, shepherd));

    [Theory]
    [InlineData(ProcessLiveness.Alive)]
    [InlineData(ProcessLiveness.Gone)]
    [InlineData(ProcessLiveness.Unknown)]
    public void Decide_EndRecorded_ReportsItWithWhatItUsed(ProcessLiveness shepherd) =>
        Assert.Equal(LeftoverPartVerdict.ReportEnd, LeftoverPartRules.Decide(Start, Exit3, shepherd));

    [Fact]
    public void Decide_ShepherdGoneWithoutEnd_IsLost() =>
        Assert.Equal(LeftoverPartVerdict.Lost, LeftoverPartRules.Decide(Start, end: null, ProcessLiveness.Gone));

    [Theory]
    [InlineData(ProcessLiveness.Alive)]
    [InlineData(ProcessLiveness.Unknown)]
    public void Decide_NoStartRecorded_IsLostNotKilled(ProcessLiveness shepherd) =>
        Assert.Equal(LeftoverPartVerdict.Lost, LeftoverPartRules.Decide(null, end: null, shepherd));

    [Fact]
    public void Reason_EachVerdict_NamesTheNode()
    {
        foreach (var verdict in Enum.GetValues<LeftoverPartVerdict>())
        {
            Assert.Contains("node2", LeftoverPartRules.Reason(verdict, "node2"), StringComparison.Ordinal);
        }

        Assert.StartsWith("ended: its rank on node2 died", LeftoverPartRules.Reason(LeftoverPartVerdict.End, "node2"), StringComparison.Ordinal);
    }
}
