using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>Reading a task runner's reports in the runner tests.</summary>
internal static class RunnerReports
{
    /// <summary>The next report of type <typeparamref name="T"/>; fails on an end that comes first, or after <paramref name="deadline"/>.</summary>
    public static async Task<T> NextAsync<T>(TaskRunner runner, TimeSpan deadline)
        where T : TaskReport
    {
        using var cts = new CancellationTokenSource(deadline);
        await foreach (var report in runner.Reports.ReadAllAsync(cts.Token))
        {
            if (report is T wanted)
            {
                return wanted;
            }

            Assert.False(report is TaskEnded or TaskRestoreFailed, $"waiting for {typeof(T).Name}, got {report}");
        }

        throw new InvalidOperationException("report channel closed");
    }
}
