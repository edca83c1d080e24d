using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>qsig, suspend/resume, qrerun and qmove on running jobs of a real world; refusals leave the job as it was.</summary>
[Collection("World")]
public sealed class SignalTests(OneNodeWorld fixture) : IClassFixture<OneNodeWorld>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private WorldServer W => fixture.World;

    [Fact]
    public async Task Qsig_DeliversNamedAndNumberedSignals_ToTheJobsProcesses_AndRefusesWhatItMust()
    {
        var id = await W.QsubAsync("-N", "traps", "--", "/bin/sh", "-c",
            "trap 'echo got USR1' USR1; trap 'echo got TERM; exit 7' TERM; echo ready; while :; do sleep 0.2; done");
        var output = Path.Combine(W.WorkDirectory, $"traps.o{id}");
        await W.WaitForAsync(() => Task.FromResult(File.Exists(output) && File.ReadAllText(output).Contains("ready", StringComparison.Ordinal)), Wait, "the job to trap its signals");
        // The job may print before its start reaches the server: the record to compare is the one after it.
        await W.WaitForAsync(async () => (await W.JobAsync(id)).Tasks[0].StartTime is not null, Wait, "the server to record the job's start");
        var running = await W.StillRecordAsync(id);

        var bad = await W.Omb.RunAsync("qsig", "-s", "SIGFOO", id);
        Assert.True(bad.ExitCode == 2, "qsig -s SIGFOO: " + bad);
        Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var moved = await W.Omb.RunAsync("qmove", "express", id);
        Assert.True(moved.ExitCode == 1, "qmove of a running job: " + moved);
        Assert.Contains("has started (R)", moved.Stderr, StringComparison.Ordinal);
        Assert.Equal(running, await W.StillRecordAsync(id));

        var usr1 = await W.Omb.RunAsync("qsig", "-s", "USR1", id);
        Assert.True(usr1.ExitCode == 0, "qsig -s USR1: " + usr1);
        await W.WaitForAsync(() => Task.FromResult(File.ReadAllText(output).Contains("got USR1", StringComparison.Ordinal)), Wait, "the job to get SIGUSR1");
        Assert.Equal(JobState.Running, (await W.JobAsync(id)).State);

        var term = await W.Omb.RunAsync("qsig", id);
        Assert.True(term.ExitCode == 0, "qsig (SIGTERM): " + term);
        var ended = await W.WaitFinishedAsync(id);
        Assert.Equal((JobState.Failed, 7), (ended.State, ended.ExitStatus));
        Assert.Contains("got TERM", File.ReadAllText(output), StringComparison.Ordinal);

        var late = await W.Omb.RunAsync("qsig", "-s", "10", id);
        Assert.True(late.ExitCode == 1, "qsig of a finished job: " + late);
        Assert.Equal($"qsig: job {id} is not running (F): qsig signals only running jobs; see its state with 'qstat {id}'\n", late.Stderr);

        var held = await W.QsubAsync("-h", "--", "/bin/true");
        // The admission pass records why it waits (tracejob's wait-reason event) on its own: read the job after that.
        await W.WaitForAsync(async () => (await W.JobAsync(held)).LastWait is not null, Wait, "the held job's wait reason to be recorded");
        var heldBefore = await W.StillRecordAsync(held);
        var refused = await W.Omb.RunAsync("qsig", "-s", "USR1", held);
        Assert.True(refused.ExitCode == 1, "qsig of a held job: " + refused);
        Assert.Equal(heldBefore, await W.StillRecordAsync(held));
        Assert.Equal(0, (await W.Omb.RunAsync("qdel", held)).ExitCode);
    }

    [Fact]
    public async Task Suspend_StopsTheJobsProcesses_ResumeContinuesThem_AndQdelEndsASuspendedJob()
    {
        var id = await W.QsubAsync("-N", "spin", "--", "/bin/sh", "-c", "while :; do sleep 0.2; done");
        Job? job = null;
        await W.WaitForAsync(async () => (job = await W.JobAsync(id)).Tasks[0].SessionId is not null, Wait, "the job to start");
        var session = job!.Tasks[0].SessionId!.Value;

        var suspend = await W.Omb.RunAsync("qsig", "-s", "suspend", id);
        Assert.True(suspend.ExitCode == 0, "qsig -s suspend: " + suspend);
        Assert.Equal(JobState.Suspended, (await W.JobAsync(id)).State);
        Assert.Contains(id, (await W.Omb.RunAsync("qselect", "-s", "S")).Stdout.Split('\n'));
        await W.WaitForAsync(() => Task.FromResult(StateOf(session) == 'T'), Wait, $"process {session} to be stopped");

        var again = await W.Omb.RunAsync("qsig", "-s", "suspend", id);
        Assert.Equal($"qsig: job {id} is already suspended: continue it with qsig -s resume {id}\n", again.Stderr);

        var resume = await W.Omb.RunAsync("qsig", "-s", "resume", id);
        Assert.True(resume.ExitCode == 0, "qsig -s resume: " + resume);
        Assert.Equal(JobState.Running, (await W.JobAsync(id)).State);
        await W.WaitForAsync(() => Task.FromResult(StateOf(session) is not 'T' and not '?'), Wait, $"process {session} to run again");

        Assert.Equal(0, (await W.Omb.RunAsync("qsig", "-s", "suspend", id)).ExitCode);
        await W.WaitForAsync(() => Task.FromResult(StateOf(session) == 'T'), Wait, $"process {session} to be stopped again");
        Assert.Equal(0, (await W.Omb.RunAsync("qdel", id)).ExitCode);
        Assert.Equal(JobState.Deleted, (await W.WaitFinishedAsync(id)).State);
    }

    [Fact]
    public async Task Qrerun_CheckpointingJob_ResumesFromItsLastCheckpoint_WithTheRightAnswer()
    {
        const long N = 300000;
        var id = await W.QsubAsync(Repository.Jobs("ckpt-sum.sh"), N.ToString(CultureInfo.InvariantCulture), "10000", "0.5");
        await W.WaitForAsync(async () => (await W.JobAsync(id)).Tasks[0].SessionId is not null, Wait, "the job to start");

        var queued = await W.QsubAsync("-h", "--", "/bin/true");
        var notRunning = await W.Omb.RunAsync("qrerun", queued);
        Assert.Equal($"qrerun: job {queued} is not running (H): qrerun requeues only running jobs\n", notRunning.Stderr);
        Assert.Equal(1, notRunning.ExitCode);
        Assert.Equal(0, (await W.Omb.RunAsync("qdel", queued)).ExitCode);

        // The job's own checkpoint signal, sent with qsig: it checkpoints, the server commits it, the node restarts it.
        Assert.Equal(0, (await W.Omb.RunAsync("qsig", "-s", "USR1", id)).ExitCode);
        await W.WaitForAsync(async () => await W.JobAsync(id) is { State: JobState.Running } j && j.Tasks[0].LastCheckpoint is not null && j.Tasks[0].SessionId is not null,
            Wait, "the checkpoint to be committed and the job to run again");

        var rerun = await W.Omb.RunAsync("qrerun", id);
        Assert.True(rerun.ExitCode == 0, "qrerun: " + rerun);
        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal(1, job.Tasks[0].Requeues);
        var text = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"ckpt-sum.o{id}"));
        var expected = (N * (N + 1) / 2).ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"sum {expected} expected {expected} resumes 1", text, StringComparison.Ordinal);

        // tracejob: the whole history from the job database, in order, ending with the exit status and resources.
        var trace = await W.Omb.RunAsync("tracejob", id);
        Assert.True(trace.ExitCode == 0, "tracejob: " + trace);
        var kinds = trace.Stdout.Split('\n').Where(l => l.Length > 22 && char.IsAsciiDigit(l[0])).Select(l => l[21..].Split(' ')[0]).ToList();
        var order = new[] { "submitted", "dispatched", "signalled", "rerun", "requeued", "completed" };
        Assert.True(order.Select(k => kinds.IndexOf(k)).All(i => i >= 0), "tracejob lacks an event: " + trace.Stdout);
        Assert.Equal(order.Select(k => kinds.IndexOf(k)).Order(), order.Select(k => kinds.IndexOf(k)));
        Assert.Contains("SIGUSR1 to " + id + " by root on node1", trace.Stdout, StringComparison.Ordinal);
        var checkpoint = kinds.FindIndex(k => k.StartsWith("checkpoint", StringComparison.Ordinal));
        Assert.True(checkpoint > kinds.IndexOf("signalled") && checkpoint < kinds.IndexOf("rerun"), "tracejob lacks the checkpoint: " + trace.Stdout);
        Assert.Contains("job_state = C  exit_status = 0", trace.Stdout, StringComparison.Ordinal);
        var badPeriod = await W.Omb.RunAsync("tracejob", "-n", "0", id);
        Assert.Equal(2, badPeriod.ExitCode);
        Assert.Single(badPeriod.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The job's whole stored record, as JSON (Job's lists compare by reference).</summary>
    /// <summary>
    /// The job's record as a refused change must leave it; a running task's measurements (CPU time, peak memory, the
    /// planner's reason to leave it where it is) move on by themselves and are left out.
    /// </summary>
    private static char StateOf(int pid)
    {
        try
        {
            return ProcessStatParser.Parse(File.ReadAllText($"/proc/{pid}/stat")).State;
        }
        catch (IOException)
        {
            return '?';
        }
    }
}
