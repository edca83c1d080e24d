using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Status;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// The dashboard's routes: four pages (one shell, drawn by assets/app.js), their embedded assets, and the JSON they
/// poll. Read-only: nothing here changes a job or a node. Who the caller is comes from the session cookie only.
/// </summary>
public static class DashboardEndpoints
{
    public const string SessionCookie = "omb_session";

    /// <summary>The pages; each serves the same shell, which draws the page its path names.</summary>
    public static readonly IReadOnlyList<string> Pages = ["/", "/plots", "/migrations", "/jobs"];

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var page in Pages)
        {
            app.MapGet(page, (HttpContext http, DashboardAssets assets) => Serve(http, assets, "index.html"));
        }

        app.MapGet("/assets/{*name}", (HttpContext http, DashboardAssets assets, string name) => Serve(http, assets, name));
        // The overview and migration pages poll every 2 s on every open page: what walks every job comes from
        // DashboardAggregates (once a second at most); the nodes' views read only the running jobs.
        app.MapGet("/api/overview", (HttpContext http, DashboardCallers callers, JobQueue queue, NodeTable nodes, AdmissionSettings settings, TimeProvider time,
            DashboardAggregates aggregates) =>
        {
            var state = queue.State;
            return Json(DashboardViews.Overview(state, nodes.Views(state), settings, nodes.WorldConnected, callers.Resolve(http), time.GetUtcNow(),
                aggregates.Current().Counts), DashboardJsonContext.Default.OverviewView);
        });
        app.MapGet("/api/history", (ClusterHistory history) =>
            Json(DashboardViews.History(history.Samples(), history.Interval), DashboardJsonContext.Default.HistoryView));
        app.MapGet("/api/migrations", (HttpContext http, DashboardCallers callers, TimeProvider time, DashboardAggregates aggregates) =>
            Json(DashboardViews.Migrations(aggregates.Current().Moves, callers.Resolve(http), time.GetUtcNow()), DashboardJsonContext.Default.MigrationsView));
        app.MapGet("/api/jobs", (HttpContext http, DashboardCallers callers, Dispatcher reasons, EstimateCache estimates, DashboardAggregates aggregates, TimeProvider time) =>
        {
            if (callers.Resolve(http) is not { } caller)
            {
                return Json(DashboardViews.Jobs(QueueState.Empty, null, reasons.For, _ => null, time.GetUtcNow()), DashboardJsonContext.Default.JobsView);
            }

            // The same estimates as qstat -T: one computation per queue snapshot, shared with the API.
            return Json(aggregates.JobsOf(caller, (state, now) =>
            {
                var current = estimates.Current();
                return DashboardViews.Jobs(state, caller, reasons.For, j => current.GetValueOrDefault(j.Id)?.Start, now);
            }), DashboardJsonContext.Default.JobsView);
        });
        app.MapPost("/api/login", LoginAsync);
        app.MapPost("/api/logout", (HttpContext http, DashboardSessions sessions) =>
        {
            sessions.Logout(http.Request.Cookies[SessionCookie]);
            http.Response.Cookies.Delete(SessionCookie, CookieOptions(null));
            return Json(new LoginResponse(true, null, null), DashboardJsonContext.Default.LoginResponse);
        });
    }

    private static async Task<IResult> LoginAsync(HttpContext http, DashboardSessions sessions, CallerResolver callers, TimeProvider time)
    {
        // A login changes state, so it must come from the dashboard's own page: a JSON body (a cross-site form cannot
        // send one without a preflight) and, when the browser names its origin, this very host.
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true
            || (http.Request.Headers.Origin.Count > 0 && http.Request.Headers.Origin[0] != $"{http.Request.Scheme}://{http.Request.Host}"))
        {
            return Json(new LoginResponse(false, "log in from the dashboard's own page", null), DashboardJsonContext.Default.LoginResponse, StatusCodes.Status403Forbidden);
        }

        LoginRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(DashboardJsonContext.Default.LoginRequest, http.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }

        if (sessions.Login(request?.Token?.Trim()) is not { } session)
        {
            return Json(new LoginResponse(false, "token refused (wrong, expired or revoked): run 'omb token' on the server's host and paste ~/.omb/token", null),
                DashboardJsonContext.Default.LoginResponse, StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(SessionCookie, session.Id, CookieOptions(session.Record.Expires < time.GetUtcNow().AddDays(1) ? session.Record.Expires : null));
        var caller = callers.Identify(session.Record.Uid, session.Record.Gid);
        return Json(new LoginResponse(true, null, DashboardViews.Session(caller)), DashboardJsonContext.Default.LoginResponse);
    }

    /// <summary>HttpOnly (no script reads it), SameSite=Strict (no other site sends it), a session cookie unless the token ends sooner.</summary>
    private static CookieOptions CookieOptions(DateTimeOffset? expires) =>
        new() { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true, Expires = expires };

    private static IResult Serve(HttpContext http, DashboardAssets assets, string name)
    {
        if (assets.Find(name) is not { } asset)
        {
            return Results.NotFound();
        }

        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        return http.Request.Headers.IfNoneMatch == asset.ETag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static IResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, statusCode: status);
}
