using System.Collections.Immutable;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Mail;

namespace OpenMosixBatch.Server.Tests.Mail;

public sealed class JobMailerTests
{
    private static Job Job(long id, JobState state, DateTimeOffset? start) => new()
    {
        Id = id,
        Spec = new JobSpec { Name = "j", WorkingDirectory = "/w", SubmitDirectory = "/w", Command = ["true"], MailEvents = "be" },
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = DateTimeOffset.UnixEpoch,
        State = state,
        StartTime = start,
        Tasks = [],
    };

    [Fact]
    public void Due_OnlyJobsReplacedSinceTheLastSnapshot_AreMailedAbout()
    {
        var same = Job(1, JobState.Running, DateTimeOffset.UnixEpoch);
        var before = ImmutableSortedDictionary<long, Job>.Empty.Add(1, same).Add(2, Job(2, JobState.Queued, null));
        var after = before.SetItem(2, Job(2, JobState.Running, DateTimeOffset.UnixEpoch)).Add(3, Job(3, JobState.Completed, DateTimeOffset.UnixEpoch));

        var due = JobMailer.Due(before, after.Values);

        Assert.Equal([(2L, 'b'), (3L, 'b'), (3L, 'e')], due.Select(n => (n.JobId, n.Event)));
    }
}
