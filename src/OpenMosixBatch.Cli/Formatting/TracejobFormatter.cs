using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>
/// tracejob's text, after PBS's: a "Job: ID" header, then one line per stored event, oldest first, as
/// <c>MM/DD/YYYY HH:MM:SS  KIND  DETAIL</c> in <paramref name="zone"/>, and for a finished job a last line with its
/// exit status and the resources it used. Pure, so it is tested without a server.
/// </summary>
public static class TracejobFormatter
{
    public static string Format(JobEventsResponse trace, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(zone);
        var job = trace.Job;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Job: {job.DisplayId}\n\n");
        var width = trace.Events.Select(e => e.Kind.Length).DefaultIfEmpty(0).Max();
        foreach (var e in trace.Events)
        {
            var local = TimeZoneInfo.ConvertTime(e.Time, zone);
            text.Append(CultureInfo.InvariantCulture, $"{local:MM/dd/yyyy HH:mm:ss}  {e.Kind.PadRight(width)}  {InputText.Quote(e.Detail, 1000)}\n");
        }

        if (trace.Events.Count == 0)
        {
            text.Append("(no events in the period asked for)\n");
        }

        if (job.State.IsFinished())
        {
            var cpu = TimeSpan.FromTicks(job.Tasks.Sum(t => PartRules.TotalCpu(t).Ticks));
            var memory = job.Tasks.Select(PartRules.TotalPeakRss).DefaultIfEmpty(0).Max();
            var migrations = job.Tasks.Sum(t => t.Migrations);
            var requeues = job.Tasks.Sum(t => t.Requeues);
            text.Append(CultureInfo.InvariantCulture,
                $"\njob_state = {job.State.Letter()}  exit_status = {(job.ExitStatus is { } x ? x.ToString(CultureInfo.InvariantCulture) : "-")}  resources_used.cput = {DurationText.Format(cpu)}  resources_used.mem = {memory / 1024}kb  migrations = {migrations}  requeues = {requeues}\n");
        }

        return text.ToString();
    }
}
