using CsCheck;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

public sealed class QueueIndexTests
{
    [Fact]
    public void Replace_AnySequenceOfChanges_EqualsTheSortedFilterOfTheJobs()
    {
        // Each step puts a new version of one of 30 jobs (or removes it), one at a time or several in one builder.
        var step = Gen.Select(Gen.Int, Gen.Int[1, 30], Gen.Int[0, 9]);
        Gen.Select(Gen.Int, step.Array[1, 80]).Sample((seed, steps) =>
        {
            var r = new Random(seed);
            var jobs = new Dictionary<long, Job>();
            var index = QueueIndex.Empty;
            var builder = index.ToBuilder();
            foreach (var (jobSeed, id, what) in steps)
            {
                var before = jobs.GetValueOrDefault(id);
                var after = what == 0 ? null : RandomQueues.Job(new Random(jobSeed), id, 30);
                if (after is null)
                {
                    jobs.Remove(id);
                }
                else
                {
                    jobs[id] = after;
                }

                if (r.Next(2) == 0)
                {
                    builder.Replace(before, after);
                }
                else
                {
                    index = builder.ToIndex().Replace(before, after);
                    builder = index.ToBuilder();
                    Assert.Equal(Expected(jobs.Values), [.. index.Pending]);
                }
            }

            index = builder.ToIndex();
            Assert.Equal(Expected(jobs.Values), [.. index.Pending]);
            Assert.Equal(jobs.Values.Where(QueueIndex.IsActive).Select(j => j.Id).Order().ToList(), [.. index.Active]);
            Assert.Equal(jobs.Values.Where(j => !j.DependenciesMet && !j.State.IsFinished()).Select(j => j.Id).Order().ToList(), [.. index.Dependent]);
            Assert.Equal([.. index.Dependent], [.. QueueIndex.Of(jobs.Values).Dependent]);
            Assert.Equal([.. index.Pending], [.. QueueIndex.Of(jobs.Values).Pending]);
            var tasks = jobs.Values.SelectMany(j => j.Tasks.Select((t, i) => (Job: j, Task: t, Position: i))).Where(x => x.Task.State.IsActive()).ToList();
            var ends = tasks.Where(x => x.Job.Spec.Resources.Walltime is not null && x.Task.StartTime is not null && x.Task.Node is not null)
                .Select(x => new RunningEnd(x.Task.StartTime!.Value + x.Job.Spec.Resources.Walltime!.Value, x.Job.Id, x.Position))
                .OrderBy(e => e.End).ThenBy(e => e.JobId).ThenBy(e => e.Position).ToList();
            Assert.Equal(ends, [.. index.Ends]);
            Assert.Equal(tasks.Count - ends.Count, index.Unpredictable);
        });
    }

    [Fact]
    public void Pending_PriorityThenSubmissionThenId_HigherPriorityFirst()
    {
        var jobs = new[] { Submit(1, secondsAfterT0: 5), Submit(2, Spec(priority: 10), secondsAfterT0: 9), Submit(3, secondsAfterT0: 5), Submit(4, secondsAfterT0: 1) };

        var index = QueueIndex.Of(jobs);

        Assert.Equal([2L, 4L, 1L, 3L], index.Pending.Select(k => k.JobId));
    }

    [Fact]
    public void Replace_JobStartsThenEnds_MovesFromPendingToActiveToNeither()
    {
        var queued = Submit(1);
        var running = Running(queued, "node1", T0);
        var ended = Finished(running, JobState.Completed);

        var index = QueueIndex.Of([queued]);
        var started = index.Replace(queued, running);
        var done = started.Replace(running, ended);

        Assert.Equal([1L], index.Pending.Select(k => k.JobId));
        Assert.Empty(index.Active);
        Assert.Empty(started.Pending);
        Assert.Equal([1L], [.. started.Active]);
        Assert.Empty(done.Pending);
        Assert.Empty(done.Active);
    }

    private static List<PendingKey> Expected(IEnumerable<Job> jobs) =>
        [.. jobs.Where(j => !j.State.IsFinished() && j.Tasks.Any(t => t.State == JobState.Queued))
            .OrderByDescending(j => j.Spec.Priority).ThenBy(j => j.SubmitTime).ThenBy(j => j.Id)
            .Select(PendingKey.Of)];
}
