using Microsoft.Extensions.Options;
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

        foreach (var (key, value) in new[] { ("TickInterval", w.TickInterval), ("RestartDelay", w.RestartDelay), ("KillGrace", w.KillGrace), ("LostAfter", w.LostAfter) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                errors.Add($"Omb:World:{key} is {value}: use a positive time of at most an hour, e.g. 00:00:01");
            }
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

        var b = options.BlackHole;
        if (b.Window <= TimeSpan.Zero || b.Window > TimeSpan.FromDays(1))
        {
            errors.Add($"Omb:BlackHole:Window is {b.Window}: use a positive time of at most a day, e.g. 00:10:00");
        }

        if (b.MinFailures is < 1 or > 100_000)
        {
            errors.Add($"Omb:BlackHole:MinFailures is {b.MinFailures}: use a whole number from 1, e.g. 5");
        }

        if (double.IsNaN(b.FailureRatio) || b.FailureRatio < 1 || b.FailureRatio > 1000)
        {
            errors.Add($"Omb:BlackHole:FailureRatio is {b.FailureRatio}: use a factor from 1 to 1000, e.g. 3");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Percent(List<string> errors, string key, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || v <= 0 || v > 100))
        {
            errors.Add($"{key} is {v}: use a percentage above 0 and at most 100");
        }
    }
}
