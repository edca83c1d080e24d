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
