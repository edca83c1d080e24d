using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>omb report: the period from --start/--end (local dates or ISO times), the server's figures as a table, JSON or CSV.</summary>
public static class ReportCommand
{
    /// <summary>The period when --start is not given: the 30 days before --end.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    private static readonly string[] LocalFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public static async Task<int> RunAsync(ReportOptions options, CliConsole console, TimeProvider time, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Json && options.Csv)
        {
            throw CliFailureException.Usage("--json and --csv together: choose one output format");
        }

        var (start, end) = Period(options, time.GetUtcNow(), TimeZoneInfo.Local);
        using var client = connect();
        var report = await client.ReportAsync(start, end, ct).ConfigureAwait(false);
        await console.Out.WriteAsync(options.Json
            ? JsonSerializer.Serialize(report, OmbJsonContext.Default.UsageReportResponse) + "\n"
            : options.Csv ? ReportFormatter.Csv(report) : ReportFormatter.Table(report)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The period the options name; a date alone is local midnight; an --end before --start is a usage error.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Period(ReportOptions options, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        var end = options.End is { } e ? Instant("--end", e, zone) : now;
        var start = options.Start is { } s ? Instant("--start", s, zone) : end - DefaultPeriod;
        return end > start
            ? (start, end)
            : throw CliFailureException.Usage($"the period ends before it starts ({options.Start ?? "default"} .. {options.End ?? "now"}): give an --end after --start");
    }

    private static DateTimeOffset Instant(string option, string text, TimeZoneInfo zone)
    {
        var inv = CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text, LocalFormats, inv, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(text, inv, DateTimeStyles.None, out var instant) && text.Contains('T', StringComparison.Ordinal)
            ? instant
            : throw CliFailureException.Usage($"invalid {option} '{InputText.Quote(text)}': use a date such as 2026-11-01, a local time 2026-11-01T08:00, or an ISO time with its offset");
    }
}
