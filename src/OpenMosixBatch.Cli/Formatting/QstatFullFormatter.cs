using OpenMosixBatch.Core.Parsing;
using System.Globalization;
using System.Text;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>qstat -f: one job as PBS's "Job Id:" block of <c>attribute = value</c> lines, times shown in <c>zone</c>.</summary>
public static class QstatFullFormatter
{
    private const string Indent = "    ";

    public static string Format(Job job, TimeZoneInfo zone, StartEstimate? estimate = null)
    {
        var spec = job.Spec;
        var text = new StringBuilder();
        text.Append("Job Id: ").Append(job.DisplayId).Append('\n');
        void Line(string name, string? value)
        {
            if (value is not null)
            {
                text.Append(Indent).Append(name).Append(" = ").Append(value).Append('\n');
            }
        }

        Line("Job_Name", spec.Name);
        Line("Job_Owner", job.Owner.UserName);
        Line("job_state", job.State.Letter().ToString());
        Line("queue", spec.Queue);
        Line("ctime", Time(job.SubmitTime, zone));
        Line("qtime", Time(job.SubmitTime, zone));
        Line("stime", job.StartTime is { } start ? Time(start, zone) : null);
        Line("obittime", job.EndTime is { } end ? Time(end, zone) : null);
        Line("Resource_List.nodect", Number(spec.Resources.TotalChunks));
        Line("Resource_List.ncpus", Number(spec.Resources.TotalCpus));
        Line("Resource_List.mem", spec.Resources.TotalMemoryBytes > 0 ? SizeParser.Format(spec.Resources.TotalMemoryBytes) : null);
        Line("Resource_List.ngpus", spec.Resources.TotalGpus > 0 ? Number(spec.Resources.TotalGpus) : null);
        Line("Resource_List.select", Select(spec.Resources));
        Line("Resource_List.place", Place(spec.Resources));
        Line("Resource_List.walltime", spec.Resources.Walltime is { } wall ? DurationText.Format(wall) : null);
        Line("Resource_List.migratable", spec.Resources.Migratable ? "True" : "False");
        Line("Resource_List.mpiprocs", spec.Resources.ChunkKinds().Any(k => k.MpiProcsPerChunk is not null)
            ? Number(spec.Resources.ChunkKinds().Sum(k => (long)k.RanksPerChunk * k.Chunks)) : null);
        Line("Resource_List.ompthreads", spec.Resources.OmpThreadsPerChunk is { } threads ? Number(threads) : null);
        Line("Resource_List.cput", spec.Resources.CpuTime is { } cput ? DurationText.Format(cput) : null);
        Line("Resource_List.pmem", Size(spec.Resources.ProcessMemoryBytes));
        Line("Resource_List.vmem", Size(spec.Resources.VirtualMemoryBytes));
        Line("Resource_List.pvmem", Size(spec.Resources.ProcessVirtualMemoryBytes));
        Line("Resource_List.file", Size(spec.Resources.FileBytes));
        foreach (var ignored in spec.Resources.Ignored)
        {
            var eq = ignored.IndexOf('=', StringComparison.Ordinal);
            Line("Resource_List." + (eq < 0 ? ignored : ignored[..eq]), (eq < 0 ? "True" : ignored[(eq + 1)..]) + " (not scheduled on)");
        }
        // Over every part of the job on every node (omb rsh, an MPI job's ranks), as PBS sums the moms' figures.
        Line("resources_used.cput", DurationText.Format(TimeSpan.FromTicks(job.Tasks.Sum(t => PartRules.TotalCpu(t).Ticks))));
        Line("resources_used.mem", job.Tasks.Count > 0 && job.Tasks.Max(PartRules.TotalPeakRss) is > 0 and var rss ? SizeText.Human(rss) : null);
        Line("Priority", Number(spec.Priority));
        Line("Hold_Types", job.UserHold ? "u" : "n");
        Line("Rerunable", spec.Rerunnable ? "True" : "False");
        foreach (var (name, value) in QstatCheckpointLines.For(job, zone))
        {
            Line(name, value);
        }

        Line("Output_Path", spec.OutputPath ?? Path.Combine(spec.SubmitDirectory, $"{spec.Name}.o{job.Id}"));
        Line("Error_Path", spec.ErrorPath ?? Path.Combine(spec.SubmitDirectory, $"{spec.Name}.e{job.Id}"));
        Line("Join_Path", spec.Join switch { JoinMode.OutputAndError => "oe", JoinMode.ErrorAndOutput => "eo", _ => "n" });
        Line("array_indices_submitted", spec.Array is { } array ? IndexRanges.Format(array.Indices) + Limit(array) : null);
        Line("depend", spec.Dependencies.Count > 0 ? Depend(spec.Dependencies) : null);
        Line("Account_Name", spec.Account);
        Line("project", spec.Project);
        Line("Mail_Points", spec.MailEvents);
        Line("Mail_Users", spec.MailUsers.Count > 0 ? string.Join(',', spec.MailUsers) : null);
        Line("Shell_Path_List", spec.Shell);
        Line("group_list", spec.GroupList);
        Line("umask", spec.Umask is { } umask ? Convert.ToString(umask, 8).PadLeft(4, '0') : null);
        Line("ignored_options", spec.IgnoredOptions.Count > 0 ? string.Join(',', spec.IgnoredOptions) : null);
        Line("Variable_List", spec.Environment.Count > 0
            ? string.Join(',', spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"))
            : null);
        Line("comment", job.Reason);
        Line("estimated.start_time", estimate is null ? null : estimate.Start is { } est ? Time(est, zone) : "unknown (" + estimate.Why + ")");
        Line("estimated.exec_vnode", estimate is { Start: not null } ? ExecVnode(estimate.Nodes, spec.Resources) : null);
        Line("schedule", job.ScheduleName);
        Line("schedule_fire_time", job.ScheduledFireTime is { } fire ? Time(fire, zone) : null);
        Line("exec_host", ExecHost(job.Tasks));
        Line("exec_gpus", !spec.IsArray && job.Tasks.Count == 1 && job.Tasks[0].GpuDevices.Count > 0 ? GpuDeviceAssignment.Describe(job.Tasks[0].GpuDevices) : null);
        Line("run_count", !spec.IsArray && job.Tasks.Count == 1 && job.Tasks[0].Requeues + (job.Tasks[0].DispatchTime is null && job.Tasks[0].EndTime is null ? 0 : 1) is > 0 and var runs ? Number(runs) : null);
        Line("session_id", !spec.IsArray && job.Tasks.Count == 1 && job.Tasks[0].SessionId is { } session ? Number(session) : null);
        Line("exit_status", job.ExitStatus is { } exit ? Number(exit) : null);
        Line("Submit_dir", spec.SubmitDirectory);
        Line("Work_dir", spec.WorkingDirectory);
        Line("Executable", spec.Command.Count > 0 ? string.Join(' ', spec.Command) : null);
        Line("Arguments", spec.Arguments.Count > 0 ? string.Join(' ', spec.Arguments) : null);
        if (spec.IsArray)
        {
            foreach (var task in job.Tasks)
            {
                Line($"task[{Number(task.Index)}]", Task(task));
            }
        }

        return text.ToString();
    }

    /// <summary>PBS's ctime format, e.g. "Tue Nov 25 06:44:00 2025".</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    private static string Task(JobTask task)
    {
        var text = new StringBuilder().Append(task.State.Letter());
        if (task.Node is not null)
        {
            text.Append(" node=").Append(task.Node);
        }

        if (task.GpuDevices.Count > 0)
        {
            text.Append(" gpus=").Append(GpuDeviceAssignment.Describe(task.GpuDevices));
        }

        if (task.ExitStatus is { } exit)
        {
            text.Append(" exit_status=").Append(Number(exit));
        }

        if (task.Requeues > 0)
        {
            text.Append(" requeues=").Append(Number(task.Requeues));
        }

        if (task.RestartCount > 0)
        {
            text.Append(" restarts=").Append(Number(task.RestartCount));
        }

        text.Append(QstatCheckpointLines.ForTask(task));
        if (task.Reason is not null)
        {
            text.Append(" comment=").Append(task.Reason);
        }

        return text.ToString();
    }

    /// <summary>The select as given: one part per kind of chunk, joined by '+'.</summary>
    private static string Select(ResourceRequest r) => string.Join('+', r.ChunkKinds().Select(SelectOne));

    private static string SelectOne(ResourceRequest r)
    {
        var select = $"{Number(r.Chunks)}:ncpus={Number(r.CpusPerChunk)}";
        select += r.MpiProcsPerChunk is { } ranks ? ":mpiprocs=" + Number(ranks) : string.Empty;
        select += r.OmpThreadsPerChunk is { } threads ? ":ompthreads=" + Number(threads) : string.Empty;
        select += r.GpusPerChunk > 0 ? ":ngpus=" + Number(r.GpusPerChunk) : string.Empty;
        select += string.Concat(r.Properties.Select(p => ":" + p + "=True"));
        select += string.Concat(r.ExcludedProperties.Select(p => ":" + p + "=False"));
        select += r.Hosts.Count > 0 && r.Hosts.Distinct().Count() == 1 ? ":host=" + r.Hosts[0] : string.Empty;
        select = r.MemoryBytesPerChunk > 0 ? $"{select}:mem={SizeParser.Format(r.MemoryBytesPerChunk)}" : select;

        // A chunk per host on several hosts: PBS Pro writes one "1:host=H:…" part for each, joined by '+'.
        return r.Hosts.Distinct().Count() > 1 ? string.Join('+', r.Hosts.Select(h => "1:host=" + h + select[Number(r.Chunks).Length..])) : select;
    }

    /// <summary>-l place as PBS Pro writes it (arrangement, then sharing), or null when nothing was asked.</summary>
    private static string? Place(ResourceRequest r)
    {
        if (r.Arrangement == PlacementArrangement.Free && r.Sharing == PlacementSharing.Default)
        {
            return null;
        }

        var arrangement = r.Arrangement.ToString().ToLowerInvariant();
        return r.Sharing switch
        {
            PlacementSharing.Exclusive => arrangement + ":excl",
            PlacementSharing.Shared => arrangement + ":shared",
            _ => arrangement,
        };
    }

    private static string? Size(long bytes) => bytes > 0 ? SizeParser.Format(bytes) : null;

    private static string Limit(ArraySpec array) => array.MaxConcurrent is { } max ? "%" + Number(max) : string.Empty;

    /// <summary>Groups ids by type as PBS writes them: afterok:12:13,afterany:14.</summary>
    private static string Depend(IReadOnlyList<Dependency> dependencies) => string.Join(',', dependencies
        .GroupBy(d => d.Type)
        .Select(g => g.Key.ToString().ToLowerInvariant() + string.Concat(g.Select(d => ":" + d.JobId.ToString(CultureInfo.InvariantCulture)))));

    private static string? ExecHost(IReadOnlyList<JobTask> tasks)
    {
        // Where it runs; once finished, where it ran (PBS keeps exec_host after the end).
        var active = tasks.Where(t => t.State.IsActive() && t.Node is not null).ToList();
        var nodes = (active.Count > 0 ? active : tasks.Where(t => t.Node is not null)).SelectMany(t => t.Node!).Distinct(StringComparer.Ordinal).ToList();
        return nodes.Count > 0 ? string.Join('+', nodes) : null;
    }

    /// <summary>PBS's vnode list: one "(node:ncpus=N:mem=M)" per chunk, joined by '+'.</summary>
    private static string ExecVnode(IReadOnlyList<string> nodes, ResourceRequest request) => string.Join('+', nodes.Select((n, i) =>
    {
        var r = request.ChunkAt(i);   // each chunk by its own kind when they are of several shapes
        var memory = r.MemoryBytesPerChunk > 0 ? ":mem=" + SizeParser.Format(r.MemoryBytesPerChunk) : string.Empty;
        memory += r.GpusPerChunk > 0 ? ":ngpus=" + Number(r.GpusPerChunk) : string.Empty;
        return $"({n}:ncpus={Number(r.CpusPerChunk)}{memory})";
    }));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
