using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Mail;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Mail;

/// <summary>
/// Sends the mails jobs ask for (-m, -M) as their committed state changes: <see cref="MailRules"/> decides, this sends
/// through <c>sendmail -t</c> when <see cref="MailOptions.Sendmail"/> is set, and otherwise records each mail in the log
/// with one warning, so that a site without mail is told once rather than on every job.
/// </summary>
/// <remarks>
/// Each committed change hands over the jobs it wrote (<see cref="JobQueue.Committed"/>: a finished job is in no later
/// snapshot, which holds only the live queue), compared with the snapshot before it by reference (the queue replaces a
/// job it changes); what was stored before start-up is taken as seen, so a restart does not mail again.
/// </remarks>
public sealed partial class JobMailer(JobQueue queue, IOptions<OmbServerOptions> options, ILogger<JobMailer> logger) : BackgroundService
{
    private static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(30);
    private bool _warned;

    /// <summary>The mails due for the jobs a commit wrote (<paramref name="changed"/>), each against its version in <paramref name="before"/>.</summary>
    public static List<MailNotice> Due(ImmutableSortedDictionary<long, Job> before, IEnumerable<Job> changed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(changed);
        var notices = new List<MailNotice>();
        foreach (var job in changed)
        {
            var old = before.GetValueOrDefault(job.Id);
            if (!ReferenceEquals(old, job))
            {
                notices.AddRange(MailRules.Due(old, job));
            }
        }

        return notices;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = Channel.CreateUnbounded<MailNotice>(new UnboundedChannelOptions { SingleReader = true });
        void OnCommitted(QueueState before, IReadOnlyCollection<Job> changed)
        {
            foreach (var notice in Due(before.Jobs, changed))
            {
                due.Writer.TryWrite(notice);
            }
        }

        queue.Committed += OnCommitted;
        try
        {
            while (await due.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (due.Reader.TryRead(out var notice))
                {
                    await SendAsync(notice, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Committed -= OnCommitted;
        }
    }

    private async Task SendAsync(MailNotice notice, CancellationToken ct)
    {
        var sendmail = options.Value.Mail.Sendmail;
        var recipients = string.Join(", ", notice.Recipients);
        if (sendmail.Length == 0)
        {
            if (!_warned)
            {
                _warned = true;
                LogMailNotConfigured(notice.JobId, notice.Event, recipients, MailOptions.SendmailKey);
            }

            LogMailRecorded(notice.JobId, notice.Event, recipients, notice.Body.ReplaceLineEndings(" | "));
            return;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(sendmail, "-t") { RedirectStandardInput = true, UseShellExecute = false })
                ?? throw new InvalidOperationException("sendmail did not start");
            await process.StandardInput.WriteAsync($"To: {recipients}\nSubject: {notice.Subject}\n\n{notice.Body}".AsMemory(), ct).ConfigureAwait(false);
            process.StandardInput.Close();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(SendLimit);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                LogSendFailed(null, notice.JobId, sendmail, $"exit status {process.ExitCode}");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            LogSendFailed(e, notice.JobId, sendmail, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "mail for job {JobId} ('{Event}') to {Recipients} was not sent: no sendmail is configured; set {Key} (e.g. /usr/sbin/sendmail) to send job mail. Until then each job mail is recorded in this log at Information level")]
    private partial void LogMailNotConfigured(long jobId, char @event, string recipients, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "job mail recorded, not sent: job {JobId} ('{Event}') to {Recipients}: {Body}")]
    private partial void LogMailRecorded(long jobId, char @event, string recipients, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not mail about job {JobId} through {Sendmail}: {Why}")]
    private partial void LogSendFailed(Exception? exception, long jobId, string sendmail, string why);
}
