using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Mail;

/// <summary>
/// Which mails a job's change calls for (<c>-m</c>): <c>b</c> when it begins, <c>e</c> when it ends, <c>a</c> when the
/// batch system aborts it (it failed to run, was killed over a limit or deleted). PBS mails on abort by default, so a
/// job without <c>-m</c> is <c>a</c>; <c>-m n</c> mails never. Pure, so that the server decides and an edge sends.
/// </summary>
public static class MailRules
{
    /// <param name="before">The job as it was, or null when it is new.</param>
    /// <param name="after">The job as it is now.</param>
    public static IReadOnlyList<MailNotice> Due(Job? before, Job after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var events = after.Spec.MailEvents ?? "a";
        if (events == "n")
        {
            return [];
        }

        var notices = new List<MailNotice>();
        if (events.Contains('b', StringComparison.Ordinal) && before?.StartTime is null && after.StartTime is not null)
        {
            notices.Add(Notice(after, 'b', "Execution started"));
        }

        var ended = after.State.IsFinished() && !(before?.State.IsFinished() ?? false);
        if (ended)
        {
            var aborted = after.State is JobState.Deleted || (after.State is JobState.Failed && after.StartTime is null);
            var status = after.ExitStatus is { } exit ? string.Create(CultureInfo.InvariantCulture, $"Exit_status={exit}") : "no exit status";
            if (aborted && (events.Contains('a', StringComparison.Ordinal) || events.Contains('f', StringComparison.Ordinal)))
            {
                notices.Add(Notice(after, 'a', $"Aborted by the batch system: {after.Reason ?? after.State.ToString()}"));
            }
            else if (!aborted && events.Contains('e', StringComparison.Ordinal))
            {
                notices.Add(Notice(after, 'e', $"Execution terminated, {status}"));
            }
        }

        return notices;
    }

    private static MailNotice Notice(Job job, char kind, string what)
    {
        var recipients = job.Spec.MailUsers.Count > 0 ? job.Spec.MailUsers : [job.Owner.UserName];
        var body = string.Create(CultureInfo.InvariantCulture,
            $"PBS Job Id: {job.DisplayId}\nJob Name:   {job.Spec.Name}\nQueue:      {job.Spec.Queue}\n{what}\n");
        return new MailNotice(job.Id, kind, recipients, "PBS JOB " + job.DisplayId, body);
    }
}
