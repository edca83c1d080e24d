using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Membership;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// POST /v1/nodes/membership (administrators): <c>omb node add</c>, <c>omb node remove [--now]</c>, <c>omb node
/// reload</c>. A request that is refused changes nothing and says why in one line.
/// </summary>
public static class MembershipEndpoints
{
    public const int MaxCpus = 4096;

    public static void MapMembershipApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/nodes/membership", ChangeAsync);
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, CallerResolver callers, MembershipService service, NodeTable nodes, JobQueue queue,
        IOptions<OmbServerOptions> options)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        if (!caller.IsAdministrator)
        {
            return Refused($"only administrators may add or remove nodes; {caller.UserName} is not one (see AdministratorUids in conf/omb.json)");
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.MembershipRequest).ConfigureAwait(false);
        if (request is null)
        {
            return BadInput("malformed request: send a MembershipRequest (use omb node add|remove|reload)");
        }

        if (!options.Value.World.Launch)
        {
            return Refused("this server does not launch its world (it was started without --world): start the world by hand with the new nodes instead");
        }

        IReadOnlyList<string> changes;
        try
        {
            switch (request.Kind)
            {
                case MembershipRequestKind.Reload:
                    changes = await service.ReloadAsync().ConfigureAwait(false);
                    break;
                case MembershipRequestKind.Add:
                    if (Validate(request, nodes.Membership) is { } bad)
                    {
                        return BadInput(bad);
                    }

                    var spec = Spec(request, nodes.Membership);
                    var added = await service.RequestAsync(spec.Name, MembershipEvent.Of(MembershipEventKind.AddRequested), spec).ConfigureAwait(false);
                    if (added.Refused)
                    {
                        return Refused(MembershipText.Refusal(spec.Name, added.Refusal));
                    }

                    changes = [MembershipText.Change(spec.Name, added, MembershipEventKind.AddRequested)];
                    break;
                default:
                    if (string.IsNullOrEmpty(request.Node))
                    {
                        return BadInput("no node named: omb node remove NODE [--now]");
                    }

                    var removed = await service.RequestAsync(request.Node, new MembershipEvent(MembershipEventKind.RemoveRequested, request.Now)).ConfigureAwait(false);
                    if (removed.Refused)
                    {
                        return Refused(MembershipText.Refusal(InputText.Quote(request.Node), removed.Refusal));
                    }

                    changes = [MembershipText.Change(request.Node, removed, MembershipEventKind.RemoveRequested)];
                    break;
            }
        }
        catch (InvalidDataException e)
        {
            return BadInput(e.Message + "; nothing changed");
        }
        catch (IOException e)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Unavailable, $"could not store the membership ({e.Message}): nothing changed; check disk space in OMB_HOME"));
        }

        return Results.Json(new MembershipResponse(changes, nodes.Views(queue.State)), OmbJsonContext.Default.MembershipResponse);
    }

    /// <summary>The first problem of an add request, naming the fix; null when it is well formed.</summary>
    public static string? Validate(MembershipRequest request, ClusterMembership membership)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(membership);
        var name = request.Node ?? "";
        if (name.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return $"bad node name '{InputText.Quote(name)}': use letters, digits, '-', '_' and '.' (at most 63), e.g. omb node add node4";
        }

        if (request.Host is { } host && !HostName.IsValid(host))
        {
            return $"bad --host '{InputText.Quote(host)}': give a host name or IPv4 address, e.g. --host compute-4";
        }

        var hosted = membership.Entries.Any(e => e.Node.Host is not null);
        if (membership.Entries.Count > 0 && hosted != (request.Host is not null))
        {
            return hosted
                ? $"the cluster's nodes run on named hosts: give node {name} one with --host HOST"
                : $"the cluster's nodes all run on the server's host: add node {name} without --host (or name every node's host in conf/cluster.json)";
        }

        if (request.Cpus is { } cpus && cpus is < 1 or > MaxCpus)
        {
            return string.Create(CultureInfo.InvariantCulture, $"bad --cpus {cpus}: give a whole number of CPUs from 1 to {MaxCpus}");
        }

        if (request.Memory is { } memory && SizeParser.Parse(memory) is { } size && (!size.Ok || size.Value < 1))
        {
            return $"bad --mem: {size.Error ?? "give a size above zero"}, e.g. --mem 4gb";
        }

        return null;
    }

    /// <summary>The new node's capacity: what the request gives, else the cluster's first node's.</summary>
    public static NodeSnapshot Spec(MembershipRequest request, ClusterMembership membership)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(membership);
        var template = membership.Entries.Count > 0 ? membership.Entries[0].Node : new NodeSnapshot("", 1, 1L << 30);
        return new NodeSnapshot(request.Node!, request.Cpus ?? template.Cpus,
            request.Memory is { } m ? SizeParser.Parse(m).Value : template.MemoryBytes, template.Speed) { Host = request.Host };
    }

    private static IResult Refused(string message) => QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, message));

    private static IResult BadInput(string message) => QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, message));
}
