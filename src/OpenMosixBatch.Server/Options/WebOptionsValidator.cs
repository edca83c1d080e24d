using System.Globalization;
using Microsoft.Extensions.Options;

namespace OpenMosixBatch.Server.Options;

/// <summary>Refuses dashboard settings the server cannot run with, naming the key and an example.</summary>
public sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.Listen) && TcpEndpoint.Parse(options.Listen, out _) is null)
        {
            errors.Add($"{WebOptions.ListenKey} is '{options.Listen}': use an IP address and a port from 1 to 65535, e.g. 127.0.0.1:8080 (empty: no dashboard)");
        }

        if (options.SampleInterval < TimeSpan.FromSeconds(1) || options.SampleInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{WebOptions.SampleIntervalKey} is {options.SampleInterval}: use a time from 1 s to 10 min, e.g. 00:00:05");
        }
        else if (options.History < options.SampleInterval || options.History.Ticks / options.SampleInterval.Ticks > WebOptions.MaxSamples)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{WebOptions.HistoryKey} is {options.History}: use at least one {WebOptions.SampleIntervalKey} ({options.SampleInterval}) and at most {WebOptions.MaxSamples} of them, e.g. 01:00:00"));
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(30))
        {
            errors.Add($"{WebOptions.SessionLifetimeKey} is {options.SessionLifetime}: use a time from a minute to 30 days, e.g. 08:00:00");
        }

        if (options.MaxConnections is < 1 or > LimitsOptions.MaxConnectionsCeiling)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{WebOptions.MaxConnectionsKey} is {options.MaxConnections}: use a whole number from 1 to {LimitsOptions.MaxConnectionsCeiling}, e.g. {WebOptions.DefaultMaxConnections}"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
