using System.Globalization;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Server.Options;

/// <summary>Refuses settings the server cannot run with, naming the key and the allowed values.</summary>
public sealed class OmbServerOptionsValidator : IValidateOptions<OmbServerOptions>
{
    public ValidateOptionsResult Validate(string? name, OmbServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var a = options.Admission;
        Percent(errors, "Omb:Admission:CpuThreshold", a.CpuThreshold);
        Percent(errors, "Omb:Admission:MemoryThreshold", a.MemoryThreshold);
        if (a.Utilization is not ("allocated" or "measured" or "max"))
        {
            errors.Add($"Omb:Admission:Utilization is '{a.Utilization}': use allocated, measured or max");
        }

        if (AdmissionNames.ParseOrder(a.Order) is null)
        {
            errors.Add($"Omb:Admission:Order is '{a.Order}': use fcfs or sjf");
        }

        if (AdmissionNames.ParseBackfill(a.Backfill) is null)
        {
            errors.Add($"Omb:Admission:Backfill is '{a.Backfill}': use easy or none");
        }

        foreach (var (queue, q) in a.Queues)
        {
            if (NameRules.ValidateQueueName(queue) is { } bad)
            {
                errors.Add($"Omb:Admission:Queues: {bad}");
            }

            Percent(errors, $"Omb:Admission:Queues:{queue}:CpuThreshold", q.CpuThreshold);
            Percent(errors, $"Omb:Admission:Queues:{queue}:MemoryThreshold", q.MemoryThreshold);
        }

        if (!SizeParser.Parse(options.DefaultMemoryPerChunk).Ok)
        {
            errors.Add($"Omb:DefaultMemoryPerChunk is '{options.DefaultMemoryPerChunk}': use a size such as 256mb");
        }

        if (string.IsNullOrWhiteSpace(options.Home))
        {
            errors.Add("Omb:Home is empty: set a directory such as ~/.omb");
        }

        var w = options.World;
        if (w.Nodes is < 0 or > 1024)
        {
            errors.Add($"Omb:World:Nodes is {w.Nodes}: use 0 (one rank per node of the cluster file) up to 1024");
        }

        if (w.NodeCpus is < 1 or > 4096)
        {
            errors.Add($"Omb:World:NodeCpus is {w.NodeCpus}: use a whole number of CPUs from 1 to 4096");
        }

        if (w.NodeMemory is { Length: > 0 } memory && SizeParser.Parse(memory) is not { Ok: true, Value: > 0 })
        {
            errors.Add($"Omb:World:NodeMemory is '{memory}': use a size such as 4gb");
        }

        if (string.IsNullOrWhiteSpace(w.Launcher))
        {
            errors.Add("Omb:World:Launcher is empty: use mpiexec.hydra (MPICH's launcher)");
        }

        foreach (var (key, value) in new[] { ("TickInterval", w.TickInterval), ("RestartDelay", w.RestartDelay), ("KillGrace", w.KillGrace), ("LostAfter", w.LostAfter), ("RejoinInterval", w.RejoinInterval) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                errors.Add($"Omb:World:{key} is {value}: use a positive time of at most an hour, e.g. 00:00:01");
            }
        }

        // Rank 0 reports a rank once it is two ticks late, so a shorter limit would take a slow tick for a cut link.
        if (w.UnreachableAfter < w.TickInterval * 3 || w.UnreachableAfter > TimeSpan.FromHours(1))
        {
            errors.Add($"Omb:World:UnreachableAfter is {w.UnreachableAfter}: use at least three ticks ({w.TickInterval * 3}) and at most an hour, e.g. 00:00:30");
        }

        if (w.HostLauncher.Length > 0 && (!Path.IsPathFullyQualified(w.HostLauncher) || w.HostLauncher.Any(char.IsWhiteSpace)))
        {
            errors.Add($"Omb:World:HostLauncher is '{w.HostLauncher}': use an absolute path without spaces to a program called like ssh (PROGRAM -x HOST COMMAND), or leave it empty for ssh");
        }

        if (w.GpuRoot.Length > 0 && (!Path.IsPathFullyQualified(w.GpuRoot) || !Directory.Exists(w.GpuRoot)))
        {
            errors.Add($"Omb:World:GpuRoot is '{w.GpuRoot}': it is not an existing absolute directory; give the directory GPU detection reads proc/driver/nvidia/gpus and dev/nvidia* under, or leave it empty for /");
        }

        var b = options.Backup;
        if (b.Interval < TimeSpan.Zero || b.Interval > TimeSpan.FromDays(7))
        {
            errors.Add($"Omb:Backup:Interval is {b.Interval}: use a time of at most 7 days, e.g. 01:00:00 (00:00:00 turns the periodic backup off)");
        }

        if (b.Keep is < 1 or > BackupOptions.MaxKeep)
        {
            errors.Add($"Omb:Backup:Keep is {b.Keep}: keep from 1 to {BackupOptions.MaxKeep} backups, e.g. 3");
        }

        ValidateLimits(errors, options.Limits);
        errors.AddRange(options.Submission.Problems());
        if (options.Accounting.Problem() is { } accounting)
        {
            errors.Add(accounting);
        }

        if (options.Memory.Problem() is { } heapTrim)
        {
            errors.Add(heapTrim);
        }

        if (options.Mail.Problem() is { } mail)
        {
            errors.Add(mail);
        }

        var h = options.Health;
        foreach (var (key, value) in new[] { ("Interval", h.Interval), ("Timeout", h.Timeout) })
        {
            if (value < TimeSpan.FromMilliseconds(100) || value > TimeSpan.FromHours(1))
            {
                errors.Add($"Omb:Health:{key} is {value}: use a time from 0.1 s to an hour, e.g. 00:05:00 (5 min) or 00:00:01 (1 s)");
            }
        }

        if (h.Program is { Length: > 0 } program && !Path.IsPathFullyQualified(program))
        {
            errors.Add($"Omb:Health:Program is '{program}': give an absolute path, e.g. /etc/omb/healthcheck.sh (empty: no health check)");
        }

        var hole = options.BlackHole;
        if (hole.Window <= TimeSpan.Zero || hole.Window > TimeSpan.FromDays(1))
        {
            errors.Add($"Omb:BlackHole:Window is {hole.Window}: use a positive time of at most a day, e.g. 00:10:00");
        }

        if (hole.MinFailures is < 1 or > 100_000)
        {
            errors.Add($"Omb:BlackHole:MinFailures is {hole.MinFailures}: use a whole number from 1, e.g. 5");
        }

        if (double.IsNaN(hole.FailureRatio) || hole.FailureRatio < 1 || hole.FailureRatio > 1000)
        {
            errors.Add($"Omb:BlackHole:FailureRatio is {hole.FailureRatio}: use a factor from 1 to 1000, e.g. 3");
        }

        if (!string.IsNullOrEmpty(options.Metrics.Listen) && TcpEndpoint.Parse(options.Metrics.Listen, out _) is null)
        {
            errors.Add($"{MetricsOptions.ListenKey} is '{options.Metrics.Listen}': use an IP address and a port from 1 to 65535, e.g. 127.0.0.1:9184 (empty: no metrics listener)");
        }

        var tcp = options.Tcp;
        if (!string.IsNullOrEmpty(tcp.Listen) && TcpEndpoint.Parse(tcp.Listen, out var listenError) is null)
        {
            errors.Add(listenError!);
        }

        Count(errors, TcpOptions.MaxConnectionsKey, tcp.MaxConnections, LimitsOptions.MaxConnectionsCeiling, TcpOptions.DefaultMaxConnections);
        if (tcp.TokenLifetime < TimeSpan.FromMinutes(1) || tcp.TokenLifetime > TimeSpan.FromDays(3650))
        {
            errors.Add($"{TcpOptions.TokenLifetimeKey} is {tcp.TokenLifetime}: use a time from a minute to 3650 days, e.g. 90.00:00:00 (90 days)");
        }

        if (new WebOptionsValidator().Validate(name, options.Web) is { Failed: true } web)
        {
            errors.AddRange(web.Failures);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateLimits(List<string> errors, LimitsOptions l)
    {
        var script = SizeParser.Parse(l.MaxScriptSize);
        if (script is not { Ok: true, Value: > 0 } || script.Value > SubmissionLimits.ScriptBytesCeiling)
        {
            errors.Add($"Omb:Limits:MaxScriptSize is '{l.MaxScriptSize}': use a size from 1b to {SizeParser.Format(SubmissionLimits.ScriptBytesCeiling)}, e.g. {LimitsOptions.DefaultMaxScriptSize}");
        }

        Count(errors, SubmissionLimits.ArrayKey, l.MaxArrayElements, SubmissionLimits.ArrayElementsCeiling, SubmissionLimits.DefaultMaxArrayElements);
        Count(errors, SubmissionLimits.DependenciesKey, l.MaxDependencies, SubmissionLimits.DependenciesCeiling, SubmissionLimits.DefaultMaxDependencies);
        Count(errors, SubmissionLimits.DependencyDepthKey, l.MaxDependencyDepth, SubmissionLimits.DependencyDepthCeiling, SubmissionLimits.DefaultMaxDependencyDepth);
        Count(errors, LimitsOptions.MaxConnectionsPerUserKey, l.MaxConnectionsPerUser, LimitsOptions.MaxConnectionsCeiling, LimitsOptions.DefaultMaxConnectionsPerUser);
        Count(errors, LimitsOptions.MaxConnectionsKey, l.MaxConnections, LimitsOptions.MaxConnectionsCeiling, LimitsOptions.DefaultMaxConnections);
        if (l.MaxConnectionsPerUser > l.MaxConnections)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{LimitsOptions.MaxConnectionsPerUserKey} is {l.MaxConnectionsPerUser}, more than {LimitsOptions.MaxConnectionsKey} ({l.MaxConnections}): one user could then hold every connection; lower it or raise {LimitsOptions.MaxConnectionsKey}"));
        }

        var job = SizeParser.Parse(l.MaxJobSize);
        if (job is not { Ok: true } || job.Value < LimitsOptions.MinJobBytes || job.Value > SubmissionLimits.JobBytesCeiling)
        {
            errors.Add($"{SubmissionLimits.JobKey} is '{l.MaxJobSize}': use a size from {SizeParser.Format(LimitsOptions.MinJobBytes)} to {SizeParser.Format(SubmissionLimits.JobBytesCeiling)} (the store's largest document is 16,683,050 bytes), e.g. {LimitsOptions.DefaultMaxJobSize}");
        }
        else if (script.Ok && script.Value > job.Value)
        {
            errors.Add($"{SubmissionLimits.ScriptKey} is {l.MaxScriptSize}, more than {SubmissionLimits.JobKey} ({l.MaxJobSize}), so a script within its limit could not be stored: lower it to at most {l.MaxJobSize}");
        }

        var body = SizeParser.Parse(l.MaxRequestBodySize);
        if (body is not { Ok: true, Value: > 0 })
        {
            errors.Add($"{LimitsOptions.RequestBodyKey} is '{l.MaxRequestBodySize}': use a size such as {LimitsOptions.DefaultMaxRequestBodySize}");
        }
        else if (script.Ok && body.Value / LimitsOptions.BodyPerScriptByte < script.Value)
        {
            errors.Add($"{LimitsOptions.RequestBodyKey} is {l.MaxRequestBodySize}, less than {LimitsOptions.BodyPerScriptByte} × Omb:Limits:MaxScriptSize ({l.MaxScriptSize}), so a script within its limit could not arrive: raise it to at least {SizeParser.Format(script.Value * LimitsOptions.BodyPerScriptByte)}");
        }

        if (SizeParser.Parse(l.MaxCheckpointSize) is not { Ok: true, Value: >= CheckpointSizeLimit.FloorBytes and <= CheckpointSizeLimit.CeilingBytes })
        {
            errors.Add($"{CheckpointSizeLimit.Key} is '{l.MaxCheckpointSize}': use a size from {SizeParser.Format(CheckpointSizeLimit.FloorBytes)} to {SizeParser.Format(CheckpointSizeLimit.CeilingBytes)}, e.g. {CheckpointSizeLimit.DefaultText}");
        }
    }

    private static void Count(List<string> errors, string key, int value, int ceiling, int example)
    {
        if (value < 1 || value > ceiling)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} is {value}: use a whole number from 1 to {ceiling}, e.g. {example}"));
        }
    }

    private static void Percent(List<string> errors, string key, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || v <= 0 || v > 100))
        {
            errors.Add($"{key} is {v}: use a percentage above 0 and at most 100");
        }
    }
}
