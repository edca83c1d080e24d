using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Api;

/// <summary>GET /v1/accounting/report (omb report): usage over a period from the kept accounting records; a user's own, an administrator's all.</summary>
public static class AccountingEndpoints
{
    public static void MapAccountingApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/accounting/report", Report);
    }

    private static IResult Report(HttpContext http, CallerResolver callers, IAccountingStore store, UserDirectory users, string? start, string? end)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        if (!TryInstant(start, out var from) || !TryInstant(end, out var to))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput,
                $"invalid period '{InputText.Quote(start ?? "")}'..'{InputText.Quote(end ?? "")}': give start and end as ISO 8601 times, e.g. 2026-11-01T00:00:00Z (use the omb CLI)"));
        }

        if (to <= from)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, $"the period ends ({to:O}) before it starts ({from:O}): give an --end after --start"));
        }

        var cells = store.UsageBetween(from, to, caller.IsAdministrator ? null : caller.Uid);
        var rows = UsageReport.Build(cells, users.GroupNameOf);
        return Results.Json(new UsageReportResponse(from, to, caller.IsAdministrator, rows), OmbJsonContext.Default.UsageReportResponse);
    }

    private static bool TryInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
}
