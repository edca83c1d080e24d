using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Identity;

/// <summary>
/// Finds the caller of a request: on the Unix socket from the connection's peer credentials, on TCP from the token
/// <see cref="Api.TokenAuthentication"/> verified; never from anything else the client sends.
/// </summary>
public sealed class CallerResolver(UserDirectory users, IOptions<OmbServerOptions> options)
{
    public Caller? Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<TokenCaller>() is { } token)
        {
            return Identify(token.Record.Uid, token.Record.Gid);
        }

        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is null || PeerCredentials.Read(socket) is not { } cred)
        {
            return null;
        }

        return Identify(cred.Uid, cred.Gid);
    }

    /// <summary>The caller for a uid and primary gid the kernel (or a verified token) vouched for: name, and administrator by uid or group.</summary>
    public Caller Identify(uint uid, uint gid)
    {
        var o = options.Value;
        var admin = o.AdministratorUids.Contains(uid)
            || (o.AdministratorGroups.Count > 0 && users.GroupsOf(uid, gid).Any(o.AdministratorGroups.Contains));
        return new Caller(uid, gid, users.NameOf(uid), admin);
    }
}
