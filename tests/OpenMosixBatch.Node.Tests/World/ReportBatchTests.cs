using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Node.World;

namespace OpenMosixBatch.Node.Tests.World;

public sealed class ReportBatchTests
{
    private static TaskEvent Output(int bytes) =>
        new(TaskEventKind.PartOutput, 7, 0, "node2", DateTimeOffset.UnixEpoch) { PartId = 1, Stdout = new byte[bytes / 2], Stderr = new byte[bytes - (bytes / 2)] };

    private static TaskEvent Ended() => new(TaskEventKind.Ended, 7, 0, "node2", DateTimeOffset.UnixEpoch, ExitStatus: 0);

    [Fact]
    public void Count_EventsWithoutOutput_AllGo()
    {
        Assert.Equal(0, ReportBatch.Count([]));
        Assert.Equal(5000, ReportBatch.Count([.. Enumerable.Range(0, 5000).Select(_ => Ended())]));
    }

    [Fact]
    public void Count_OutputPastTheBound_StopsBeforeTheEventThatPassesIt()
    {
        const int chunk = 512 * 1024;
        List<TaskEvent> pending = [Output(chunk), Ended(), Output(chunk), Output(1), Ended()];

        Assert.Equal(3, ReportBatch.Count(pending));
        Assert.Equal(2, ReportBatch.Count(pending[3..]));
    }

    [Fact]
    public void Count_OneEventOverTheBound_StillGoesAlone()
    {
        Assert.Equal(1, ReportBatch.Count([Output(ReportBatch.OutputBytes * 2), Ended()]));
    }

    [Fact]
    public void Count_AHundredMiBPileUp_GoesInReportsOfAtMostTheBoundEach()
    {
        var pending = Enumerable.Range(0, 400).Select(_ => Output(256 * 1024)).ToList();
        var reports = 0;
        while (pending.Count > 0)
        {
            var n = ReportBatch.Count(pending);
            Assert.InRange(pending.Take(n).Sum(e => e.Stdout!.Length + e.Stderr!.Length), 1, ReportBatch.OutputBytes);
            pending.RemoveRange(0, n);
            reports++;
        }

        Assert.Equal(100, reports);
    }
}
