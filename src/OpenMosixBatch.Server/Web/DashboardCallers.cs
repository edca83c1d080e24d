using Microsoft.AspNetCore.Http;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Web;

/// <summary>The dashboard's caller: the user of the request's session cookie, identified as the API identifies a token's uid; null before a login.</summary>
public sealed class DashboardCallers(DashboardSessions sessions, CallerResolver callers)
{
    public Caller? Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return sessions.Find(http.Request.Cookies[DashboardEndpoints.SessionCookie]) is { } record ? callers.Identify(record.Uid, record.Gid) : null;
    }
}
