using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Accounting;

public sealed class UsageReportTests
{
    private static AccountingRecord Record(long id, string user, uint gid, string queue, double waitSeconds, double allocated, double used) => new()
    {
        JobId = id, Name = "j", Uid = 1000, User = user, Gid = gid, Queue = queue, SubmitTime = T0, EndTime = T0.AddHours(1),
        Wait = TimeSpan.FromSeconds(waitSeconds), CpusRequested = 1, CpuSecondsAllocated = allocated, CpuSecondsUsed = used, State = 'C',
    };

    [Fact]
    public void Build_GivesEachUserGroupQueueAndTheTotal_WithCpuHoursWaitsAndEfficiency()
    {
        var records = new[]
        {
            Record(1, "ada", 100, "batch", 10, 3600, 1800),
            Record(2, "ada", 100, "long", 30, 7200, 7200),
            Record(3, "bob", 200, "batch", 50, 3600, 0),
        };

        var rows = UsageReport.Build(records, gid => gid == 100 ? "physics" : "chem");

        Assert.Equal(["user ada", "user bob", "group chem", "group physics", "queue batch", "queue long", "total total"], rows.Select(r => r.By + " " + r.Key));
        var ada = rows[0];
        Assert.Equal((2L, 3.0, 2.5, 20.0), (ada.Jobs, ada.CpuHoursAllocated, ada.CpuHoursUsed, ada.MeanWaitSeconds));
        Assert.InRange(ada.P95WaitSeconds, 30 * (1 - WaitHistogram.RelativeError), 30.0);
        Assert.Equal(2.5 / 3, ada.Efficiency, 6);
        var total = rows[^1];
        Assert.Equal((3L, 4.0, 2.5 / 4), (total.Jobs, total.CpuHoursAllocated, total.Efficiency));
        Assert.InRange(total.P95WaitSeconds, 50 * (1 - WaitHistogram.RelativeError), 50.0);
    }

    [Fact]
    public void Build_P95IsTheNearestRankWithinTheHistogramsBound_AndNoRecordsGiveAZeroTotal()
    {
        var records = Enumerable.Range(1, 100).Select(i => Record(i, "ada", 100, "batch", i, 0, 0)).ToList();

        Assert.InRange(UsageReport.Build(records, g => "g").Single(r => r.By == "total").P95WaitSeconds, 95 * (1 - WaitHistogram.RelativeError), 95 * (1 + WaitHistogram.RelativeError));
        Assert.Equal(new UsageRow("total", "total", 0, 0, 0, 0, 0, 0), Assert.Single(UsageReport.Build(Array.Empty<AccountingRecord>(), g => "g")));
    }

    [Fact]
    public void Build_FromCellsOfSeveralDays_SumsThemIntoOneLineEach()
    {
        var day1 = UsageCell.Of([Record(1, "ada", 100, "batch", 10, 3600, 1800), Record(2, "bob", 200, "batch", 50, 3600, 0)]);
        var day2 = UsageCell.Of([Record(3, "ada", 100, "batch", 30, 7200, 7200)]);

        var rows = UsageReport.Build([.. day1, .. day2], gid => gid == 100 ? "physics" : "chem");

        Assert.Equal(["user ada", "user bob", "group chem", "group physics", "queue batch", "total total"], rows.Select(r => r.By + " " + r.Key));
        Assert.Equal((2L, 3.0, 2.5, 20.0), (rows[0].Jobs, rows[0].CpuHoursAllocated, rows[0].CpuHoursUsed, rows[0].MeanWaitSeconds));
        Assert.Equal(3L, rows[^1].Jobs);
    }

    [Fact]
    public void Of_ArrayJob_ChargesEachTasksCpusForItsRunTime_AndWaitsToTheFirstStart()
    {
        var job = Submit(1, Spec(cpus: 2) with { Array = new ArraySpec([1, 2]) });
        job = job with
        {
            Tasks =
            [
                new JobTask(1, JobState.Completed) { Node = ExecutionHosts.Parse("n1"), StartTime = T0.AddMinutes(10), EndTime = T0.AddMinutes(40), CpuTime = TimeSpan.FromMinutes(50), Migrations = 1,
                    Checkpoints = [new TaskCheckpoint(1, T0.AddMinutes(20), 4096, "x")] },
                new JobTask(2, JobState.Failed) { Node = ExecutionHosts.Parse("n2"), StartTime = T0.AddMinutes(20), EndTime = T0.AddMinutes(30), ExitStatus = 1, CpuTime = TimeSpan.FromMinutes(5) },
            ],
        };
        job = JobStateRules.Settle(job, T0.AddMinutes(40), null);

        var r = AccountingRecord.Of(job);

        Assert.Equal((TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1), 2 * (1800.0 + 600), 3300.0), (r.Wait, r.CpuSecondsAllocated, r.CpuSecondsUsed));
        Assert.Equal(("n1,n2", 4L, 'F', 1, 4096L), (r.Nodes, r.CpusRequested, r.State, r.Migrations, r.CheckpointBytes));
    }

    [Fact]
    public void Of_AJobThatHasNotFinished_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => AccountingRecord.Of(Submit(1)));
    }
}
