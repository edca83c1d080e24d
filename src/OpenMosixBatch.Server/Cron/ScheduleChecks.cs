using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Server.Cron;

/// <summary>What <c>omb cron add</c> and <c>import</c> refuse, each with one line naming the problem and the fix.</summary>
public static class ScheduleChecks
{
    /// <summary>
    /// The schedule with its expression in normal form and its parsed cron, or the first problem: name, expression
    /// (naming the field), timezone, missing script, a job qsub would refuse (<paramref name="checkJob"/>), or an entry
    /// <c>omb cron export</c> could not write back.
    /// </summary>
    public static ParseResult<LiveSchedule> Check(Schedule candidate, Func<Core.Jobs.JobSpec, string?> checkJob)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(checkJob);
        if (ScheduleNames.Validate(candidate.Name) is { } nameError)
        {
            return Fail(nameError);
        }

        var parsed = CronScheduleParser.Parse(candidate.Name, candidate.Expression, candidate.TimeZoneId);
        if (!parsed.Ok)
        {
            return Fail(parsed.Error!);
        }

        var spec = candidate.Job;
        if (spec is null || candidate.SubmitArguments.Count == 0 || (string.IsNullOrWhiteSpace(spec.Script) && spec.Command.Count == 0))
        {
            return Fail($"missing script for schedule '{candidate.Name}': give the script after '--', e.g. omb cron add {candidate.Name} --schedule \"0 2 * * *\" -- jobs/hello.sh");
        }

        if (checkJob(spec) is { } jobError)
        {
            return Fail($"the job of schedule '{candidate.Name}' would be refused: {jobError}");
        }

        var normal = candidate with { Expression = parsed.Value!.Expression.Text };
        if (CrontabFile.CheckEntry(CrontabEntry.From(normal)) is { } entryError)
        {
            return Fail(entryError);
        }

        return ParseResult<LiveSchedule>.Success(new LiveSchedule(normal, parsed.Value, null));
    }

    private static ParseResult<LiveSchedule> Fail(string error) => ParseResult<LiveSchedule>.Fail(error);
}
