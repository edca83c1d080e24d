using CsCheck;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class DependencyDepthTests
{
    /// <summary>Job 1 has no dependency; job k (k &gt; 1) waits afterok on job k - 1.</summary>
    private static Dictionary<long, Job> Chain(int length)
    {
        var jobs = new Dictionary<long, Job>();
        for (long id = 1; id <= length; id++)
        {
            jobs[id] = Submit(id, id == 1 ? Spec() : Spec() with { Dependencies = [After(id - 1)] });
        }

        return jobs;
    }

    private static Dependency After(long id) => new(DependencyType.AfterOk, id);

    [Fact]
    public void Of_NoDependencies_IsZero() => Assert.Equal(0, DependencyDepth.Of([], _ => null, 5));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(10, 10)]
    public void Of_EndOfAWaitingChain_IsItsLength(int length, int depth)
    {
        var jobs = Chain(length);

        Assert.Equal(depth, DependencyDepth.Of([After(length)], jobs.GetValueOrDefault, 100));
    }

    [Fact]
    public void Of_ChainWhoseHeadEnded_CountsOnlyTheWaitingPart()
    {
        var jobs = Chain(5);
        jobs[3] = Finished(jobs[3], JobState.Completed) with { DependenciesMet = true };

        Assert.Equal(3, DependencyDepth.Of([After(5)], jobs.GetValueOrDefault, 100));
    }

    [Fact]
    public void Of_ChainDeeperThanTheCap_StopsAtCapPlusOne_WithoutRecursing()
    {
        var jobs = Chain(100_000);

        Assert.Equal(1001, DependencyDepth.Of([After(100_000)], jobs.GetValueOrDefault, 1000));
        Assert.Equal(100_000, DependencyDepth.Of([After(100_000)], jobs.GetValueOrDefault, 200_000));
    }

    [Fact]
    public void Of_Diamond_IsTheLongestPath()
    {
        var jobs = Chain(4);
        jobs[5] = Submit(5, Spec() with { Dependencies = [After(1), After(4)] });

        Assert.Equal(5, DependencyDepth.Of([After(5), After(2)], jobs.GetValueOrDefault, 100));
    }

    [Fact]
    public void Of_RandomDags_MatchesTheRecursiveDefinition() =>
        Gen.Int[0, 4].Array[1, 40].Sample(parents =>
        {
            // Job k depends on up to parents[k] earlier jobs, chosen deterministically from k.
            var jobs = new Dictionary<long, Job>();
            for (var k = 1; k <= parents.Length; k++)
            {
                var deps = Enumerable.Range(1, Math.Min(parents[k - 1], k - 1)).Select(i => After(((k * 7) + (i * 3)) % (k - 1) + 1)).Distinct().ToList();
                jobs[k] = Submit(k, Spec() with { Dependencies = deps });
            }

            var memo = new Dictionary<long, int>();
            int Recursive(long id) => memo.TryGetValue(id, out var known) ? known
                : memo[id] = jobs[id].Spec.Dependencies.Count == 0 ? 0 : 1 + jobs[id].Spec.Dependencies.Max(d => Recursive(d.JobId));
            var last = parents.Length;
            return DependencyDepth.Of([After(last)], jobs.GetValueOrDefault, 1000) == 1 + Recursive(last);
        });
}
