using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class ShepherdAdoptionTests
{
    private static readonly TaskEnd Exit3 = new(3, TimeSpan.FromSeconds(1), 1 << 20);

    [Theory]
    [InlineData(ProcessLiveness.Alive)]
    [InlineData(ProcessLiveness.Unknown)]
    public void Decide_ShepherdAliveOrUnknownWithoutEnd_Adopts(ProcessLiveness shepherd) =>
        Assert.Equal(AdoptionVerdict.Adopt, ShepherdAdoption.Decide(hasOrder: true, shepherdRecorded: true, end: null, shepherd));

    [Theory]
    [InlineData(ProcessLiveness.Alive)]
    [InlineData(ProcessLiveness.Gone)]
    [InlineData(ProcessLiveness.Unknown)]
    public void Decide_EndRecorded_ReportsTheEnd(ProcessLiveness shepherd) =>
        Assert.Equal(AdoptionVerdict.ReportEnd, ShepherdAdoption.Decide(hasOrder: true, shepherdRecorded: true, Exit3, shepherd));

    [Fact]
    public void Decide_ShepherdGoneWithoutRecord_IsLost() =>
        Assert.Equal(AdoptionVerdict.Lost, ShepherdAdoption.Decide(hasOrder: true, shepherdRecorded: true, end: null, ProcessLiveness.Gone));

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Decide_NoOrderOrNoShepherdRecord_Reaps(bool hasOrder, bool shepherdRecorded)
    {
        Assert.Equal(AdoptionVerdict.Reap, ShepherdAdoption.Decide(hasOrder, shepherdRecorded, null, ProcessLiveness.Alive));
        Assert.Equal(AdoptionVerdict.Reap, ShepherdAdoption.Decide(hasOrder, shepherdRecorded, Exit3, ProcessLiveness.Gone));
    }

    [Theory]
    [InlineData(false, ProcessLiveness.Alive, false)]
    [InlineData(false, ProcessLiveness.Unknown, false)]
    [InlineData(false, ProcessLiveness.Gone, true)]
    [InlineData(true, ProcessLiveness.Alive, true)]
    [InlineData(true, ProcessLiveness.Unknown, true)]
    public void WatchIsOver_EndOrShepherdGone_EndsTheWatch(bool endRecorded, ProcessLiveness shepherd, bool over) =>
        Assert.Equal(over, ShepherdAdoption.WatchIsOver(endRecorded, shepherd));
}
