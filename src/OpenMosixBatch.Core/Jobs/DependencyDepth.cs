namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// How deep a dependency chain runs: a job whose dependencies are met (or that has none, or has ended) has depth 0;
/// a waiting job one more than the deepest job it waits on. With <c>b afterok:a</c> and <c>c afterok:b</c>, c has
/// depth 2 while a is queued. A long chain is legitimate (a simulation split into walltime-sized pieces), an endless
/// one is a runaway script; the limit keeps the dependency pass of each change short.
/// </summary>
public static class DependencyDepth
{
    /// <summary>
    /// The depth a new job waiting on <paramref name="dependencies"/> would have, or <paramref name="cap"/> + 1 as soon
    /// as it is known to be deeper than <paramref name="cap"/> (the walk stops there).
    /// </summary>
    /// <remarks>Iterative, each job's depth computed once: a 100,000-deep chain neither recurses nor repeats work.</remarks>
    public static int Of(IReadOnlyList<Dependency> dependencies, Func<long, Job?> lookup, int cap)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        if (dependencies.Count == 0)
        {
            return 0;
        }

        var known = new Dictionary<long, int>();
        var stack = new Stack<(long Id, bool Expanded, int Level)>();
        foreach (var d in dependencies)
        {
            stack.Push((d.JobId, false, 1));
        }

        while (stack.Count > 0)
        {
            var (id, expanded, level) = stack.Pop();
            if (known.ContainsKey(id))
            {
                continue;
            }

            var waitsOn = WaitsOn(lookup(id));
            if (waitsOn.Count == 0)
            {
                known[id] = 0;
                continue;
            }

            if (expanded)
            {
                known[id] = 1 + waitsOn.Max(w => known.GetValueOrDefault(w.JobId));
                continue;
            }

            // The new job is at least level + 1 deep: level edges down to this waiting job, and one more below it.
            if (level + 1 > cap)
            {
                return cap + 1;
            }

            stack.Push((id, true, level));
            foreach (var w in waitsOn)
            {
                if (!known.ContainsKey(w.JobId))
                {
                    stack.Push((w.JobId, false, level + 1));
                }
            }
        }

        var depth = 1 + dependencies.Max(d => known.GetValueOrDefault(d.JobId));
        return Math.Min(depth, cap + 1);
    }

    private static IReadOnlyList<Dependency> WaitsOn(Job? job) =>
        job is null || job.DependenciesMet || job.State.IsFinished() ? [] : job.Spec.Dependencies;
}
