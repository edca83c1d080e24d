using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Backups;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>POST /v1/backup (<c>omb backup</c>, administrators): write a backup of the job database now, e.g. before an upgrade.</summary>
public static class BackupEndpoints
{
    public static void MapBackupApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/backup", (HttpContext http, CallerResolver callers) =>
        {
            if (callers.Resolve(http) is not { } caller)
            {
                return QueueEndpoints.Unidentified();
            }

            if (!caller.IsAdministrator)
            {
                return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"{caller.UserName} may not back up the job database: only administrators (Omb:AdministratorUids, Omb:AdministratorGroups) may"));
            }

            if (http.RequestServices.GetService<DatabaseBackups>() is not { } backups)
            {
                return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, "this server keeps its queue in memory only: there is no database file to back up"));
            }

            try
            {
                return Results.Json(backups.BackupNow(), OmbJsonContext.Default.BackupResponse);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return QueueEndpoints.Error(StoreFailure.Describe(e, "a backup", "no backup was written"));
            }
        });
    }
}
