using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Formatting;

/// <summary>qstat -T, -Q, -B and qstat -f's estimated.* lines, formatted without a server.</summary>
public sealed class QstatStatusFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FormatEstimates_KnownUnknownAndDue_OneRowEach()
    {
        var jobs = new[]
        {
            new JobEstimate("7", "sim", "alice", "batch", 'Q', 1, StartEstimate.At(Now.AddMinutes(90), ["node1", "node2"])),
            new JobEstimate("8[]", "sweep", "alice", "batch", 'Q', 4, StartEstimate.At(Now, ["node2"])),
            new JobEstimate("9", "long", "bob", "express", 'H', 1, StartEstimate.Unknown("held by user")),
        };

        var text = QstatEstimateFormatter.Format(jobs, Now, TimeZoneInfo.Utc);

        Assert.Equal(
            "Job ID          Username   Queue    Jobname      S Est Start        Est Nodes / why unknown\n" +
            "--------------- ---------- -------- ------------ - ---------------- -----------------------\n" +
            "7               alice      batch    sim          Q Dec 6 22:30      node1+node2\n" +
            "8[]             alice      batch    sweep        Q now              node2\n" +
            "9               bob        express  long         H unknown          held by user\n",
            text);
    }

    [Fact]
    public void FormatEstimates_NoWaitingJob_PrintsNothing() =>
        Assert.Equal(string.Empty, QstatEstimateFormatter.Format([], Now, TimeZoneInfo.Utc));

    [Fact]
    public void FormatQueues_PbsColumnsWithThresholds()
    {
        var text = QstatQueueFormatter.Format([new QueueSummary("batch", null, 5, 2, 1, 1, 1, 0, 90, 85), new QueueSummary("express", 4, 0, 0, 0, 0, 0, 0, 95, 90)]);

        Assert.Equal(
            "Queue              Max   Tot   Que   Run   Hld   Wat   Ext  CPU%  Mem%\n" +
            "---------------- ----- ----- ----- ----- ----- ----- ----- ----- -----\n" +
            "batch                0     5     2     1     1     1     0    90    85\n" +
            "express              4     0     0     0     0     0     0    95    90\n",
            text);
    }

    [Fact]
    public void FormatServer_RowThenWorldNodesUtilisationAndUptime()
    {
        var status = new ServerStatus("h1", "Active", Now.AddHours(-26), TimeSpan.FromHours(26), 6, 3, 2, 1, 0, 0, "w-1a", Now.AddHours(-1), 3, 4,
            62.5, 10, 90, 85, "batch");

        var text = QstatServerFormatter.Format(status, TimeZoneInfo.Utc);

        Assert.Equal(
            "Server             Tot   Que   Run   Hld   Wat   Ext Status\n" +
            "---------------- ----- ----- ----- ----- ----- ----- -----------\n" +
            "h1                   6     3     2     1     0     0 Active\n" +
            "    world = w-1a (attached Sun Dec 6 20:00:00 2026)\n" +
            "    nodes = 3 up of 4\n" +
            "    cpu_utilisation = 62.5% (threshold 90%)\n" +
            "    mem_utilisation = 10% (threshold 85%)\n" +
            "    default_queue = batch\n" +
            "    started = Sat Dec 5 19:00:00 2026\n" +
            "    uptime = 26:00:00\n",
            text);
    }

    [Fact]
    public void FormatServer_NoWorld_SaysNoneAttached() =>
        Assert.Contains("    world = none attached\n", QstatServerFormatter.Format(
            new ServerStatus("h1", "Active", Now, TimeSpan.Zero, 0, 0, 0, 0, 0, 0, null, null, 0, 2, 0, 0, 90, 85, "batch"), TimeZoneInfo.Utc), StringComparison.Ordinal);

    [Fact]
    public void FormatFull_Estimate_StartTimeAndExecVnodePerChunk()
    {
        var text = QstatFullFormatter.Format(Waiting(), TimeZoneInfo.Utc, StartEstimate.At(Now.AddHours(2), ["node1", "node3"]));

        Assert.Contains("    estimated.start_time = Sun Dec 6 23:00:00 2026\n", text, StringComparison.Ordinal);
        Assert.Contains("    estimated.exec_vnode = (node1:ncpus=2:mem=1gb)+(node3:ncpus=2:mem=1gb)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatFull_UnknownEstimate_SaysWhyAndNoVnode()
    {
        var text = QstatFullFormatter.Format(Waiting(), TimeZoneInfo.Utc, StartEstimate.Unknown("waits for job(s) without a walltime to end (3): no node has 2 CPUs"));

        Assert.Contains("    estimated.start_time = unknown (waits for job(s) without a walltime to end (3): no node has 2 CPUs)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("estimated.exec_vnode", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatFull_NoEstimate_NoEstimatedLines() =>
        Assert.DoesNotContain("estimated.", QstatFullFormatter.Format(Waiting(), TimeZoneInfo.Utc), StringComparison.Ordinal);

    private static Job Waiting() => new()
    {
        Id = 5,
        Spec = new JobSpec
        {
            Name = "j",
            Script = "#!/bin/sh\n",
            WorkingDirectory = "/w",
            SubmitDirectory = "/w",
            Resources = new ResourceRequest(2, 2, 1L << 30, TimeSpan.FromHours(1)),
        },
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = Now,
        State = JobState.Queued,
        Tasks = [new JobTask(0, JobState.Queued)],
    };
}
