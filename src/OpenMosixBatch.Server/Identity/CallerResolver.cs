using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Identity;

/// <summary>Finds the caller of a request from the connection's peer credentials; never from anything the client sends.</summary>
public sealed class CallerResolver(UserDirectory users, IOptions<OmbServerOptions> options)
{
    public Caller? Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is null || PeerCredentials.Read(socket) is not { } cred)
        {
            return null;
        }

        var o = options.Value;
        var admin = o.AdministratorUids.Contains(cred.Uid)
            || (o.AdministratorGroups.Count > 0 && users.GroupsOf(cred.Uid, cred.Gid).Any(o.AdministratorGroups.Contains));
        return new Caller(cred.Uid, cred.Gid, users.NameOf(cred.Uid), admin);
    }
}
