using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// A command on several job ids, each changed or refused on its own (as PBS reports them), that may give orders to the
/// world for the jobs it changed (qsig, qalter): the endpoint sends <see cref="Orders"/> after the commit.
/// </summary>
internal abstract class OrderingJobsCommand(IReadOnlyList<string> ids) : QueueCommand<JobActionResponse>
{
    /// <summary>The orders for the tasks the command reached; sent to the world after the commit.</summary>
    public List<WorldOrder> Orders { get; } = [];

    protected override JobActionResponse Run(WorkingSet working, DateTimeOffset now)
    {
        // The writer may decide a command again, alone, after its group failed to commit.
        Orders.Clear();
        return new JobActionResponse([.. ids.Select(text => Apply(working, text, now))]);
    }

    /// <summary>Changes or refuses the job <paramref name="text"/> names, adding its orders to <see cref="Orders"/>.</summary>
    protected abstract JobActionResult Apply(WorkingSet working, string text, DateTimeOffset now);
}
