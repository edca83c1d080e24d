using System.Globalization;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// What becomes of a job the store can no longer write (one stored before its size was limited): no change to it can
/// be recorded, so it can never run or be deleted as it is. It is ended as failed, and the parts that made it too
/// large (script, environment, arguments, long texts) are replaced by a note, so that its record fits again and
/// qstat -x, qdel and the rest of the queue go on.
/// </summary>
public static class OversizedJob
{
    /// <summary>What replaces a removed part.</summary>
    public const string RemovedNote = "(removed: the job was too large to store)";

    /// <summary>Texts up to this length are kept: paths and program names of any real job are shorter.</summary>
    private const int KeptTextLength = 4096;

    /// <summary>The job ended, with the reason naming its size and the limit that now refuses such jobs.</summary>
    public static JobTransition End(Job job, long bytes, long maxBytes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"ended: the job takes {bytes} bytes in the store, more than its largest record ({maxBytes} bytes), so it could not be kept as it was; its script, environment and arguments were removed (new jobs over {SubmissionLimits.JobKey} are refused at submission)");
        var s = job.Spec;
        var spec = s with
        {
            Script = s.Script is null ? null : "# " + RemovedNote + "\n",
            Command = [.. s.Command.Select(Short)],
            Arguments = [],
            Environment = new Dictionary<string, string>(),
            OutputPath = s.OutputPath is null ? null : Short(s.OutputPath),
            ErrorPath = s.ErrorPath is null ? null : Short(s.ErrorPath),
            WorkingDirectory = Short(s.WorkingDirectory),
            SubmitDirectory = Short(s.SubmitDirectory),
        };
        var tasks = job.Tasks.Select(t => t.State.IsFinished() ? t : t with { State = JobState.Failed, Reason = reason, ExitCause = ExitCause.None, EndTime = now }).ToList();
        var ended = JobStateRules.Settle(job with { Spec = spec, Tasks = tasks, Reason = reason }, now, reason);
        return JobTransition.Done(ended, new Storage.JobEvent(job.Id, now, "oversized", reason));
    }

    private static string Short(string text) => text.Length <= KeptTextLength ? text : RemovedNote;
}
