using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Mail;

namespace OpenMosixBatch.Core.Tests.Mail;

public sealed class MailRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    private static Job Job(string? events, JobState state, DateTimeOffset? start = null, IReadOnlyList<string>? users = null) => new()
    {
        Id = 42,
        Spec = new JobSpec { Name = "run", WorkingDirectory = "/w", SubmitDirectory = "/w", Command = ["true"], MailEvents = events, MailUsers = users ?? [] },
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = T,
        State = state,
        StartTime = start,
        ExitStatus = state is JobState.Completed ? 0 : null,
        Tasks = [],
    };

    [Fact]
    public void Due_BeginAndEndAsked_MailsOnStartThenOnEnd()
    {
        var queued = Job("abe", JobState.Queued);
        var running = Job("abe", JobState.Running, T, ["bob@example.org"]);
        var done = Job("abe", JobState.Completed, T, ["bob@example.org"]);

        Assert.Equal(['b'], MailRules.Due(queued, running).Select(n => n.Event));
        var end = Assert.Single(MailRules.Due(running, done));
        Assert.Equal(('e', "bob@example.org", "PBS JOB 42"), (end.Event, end.Recipients[0], end.Subject));
        Assert.Contains("Exit_status=0", end.Body, StringComparison.Ordinal);
        Assert.Empty(MailRules.Due(done, done));
    }

    [Fact]
    public void Due_NoMailOption_MailsTheOwnerOnAbortOnly()
    {
        Assert.Empty(MailRules.Due(Job(null, JobState.Running, T), Job(null, JobState.Completed, T)));
        var abort = Assert.Single(MailRules.Due(Job(null, JobState.Queued), Job(null, JobState.Deleted)));
        Assert.Equal(('a', "alice"), (abort.Event, abort.Recipients[0]));
    }

    [Fact]
    public void Due_MailNever_MailsNothing() => Assert.Empty(MailRules.Due(Job("n", JobState.Queued), Job("n", JobState.Deleted)));
}
