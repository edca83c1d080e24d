using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// Kestrel connection middleware that admits a connection only within its <see cref="ConnectionCounter"/>'s limits,
/// before a byte of it is parsed: on the Unix socket per peer uid (SO_PEERCRED) and in total, on TCP in total. A
/// connection over the limit gets one fixed answer written at once and is closed, which costs the server nothing it
/// keeps; the connections already admitted, everyone else's included, go on as before.
/// </summary>
/// <remarks>
/// root, the server's own uid and the administrators are not counted on the socket: the world's rank 0 attaches as one
/// of them, and a limit must never cut the server off from its world or its administrators.
/// </remarks>
public sealed partial class ConnectionGate
{
    private readonly ConnectionCounter _counter;
    private readonly IReadOnlySet<uint>? _exempt;
    private readonly byte[]? _overUser;
    private readonly byte[]? _overTotal;
    private readonly string _listener;
    private readonly ILogger _logger;

    private ConnectionGate(ConnectionCounter counter, IReadOnlySet<uint>? exempt, byte[]? overUser, byte[]? overTotal, string listener, ILogger logger)
    {
        _counter = counter;
        _exempt = exempt;
        _overUser = overUser;
        _overTotal = overTotal;
        _listener = listener;
        _logger = logger;
    }

    /// <summary>The Unix socket's gate: per uid and in total, and a one-line refusal the CLI prints.</summary>
    public static ConnectionGate ForUnixSocket(LimitsOptions limits, IEnumerable<uint> exempt, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var perUser = limits.MaxConnectionsPerUser.ToString(CultureInfo.InvariantCulture);
        var total = limits.MaxConnections.ToString(CultureInfo.InvariantCulture);
        return new ConnectionGate(
            new ConnectionCounter(limits.MaxConnectionsPerUser, limits.MaxConnections),
            exempt.ToHashSet(),
            Answer(429, "Too Many Requests", new ApiError(ApiErrorKind.Refused,
                $"your user already holds {perUser} connections to the server ({LimitsOptions.MaxConnectionsPerUserKey}): close some, or wait for them to end, and try again")),
            Answer(503, "Service Unavailable", new ApiError(ApiErrorKind.Unavailable,
                $"the server already holds {total} connections from its users ({LimitsOptions.MaxConnectionsKey}): try again shortly")),
            "the Unix socket",
            logger);
    }

    /// <summary>The TCP listener's gate: in total, closing the connection without a word (the caller is not known yet).</summary>
    public static ConnectionGate ForTcp(TcpOptions tcp, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(tcp);
        return new ConnectionGate(new ConnectionCounter(tcp.MaxConnections, tcp.MaxConnections), null, null, null, "TCP", logger);
    }

    /// <summary>The middleware, for <c>ListenOptions.Use</c>.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        // On TCP every connection counts under one key; on the socket, under its peer's uid (an unknown peer under a key of its own).
        var user = _exempt is null ? 0u
            : connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket && PeerCredentials.Read(socket) is { } peer ? peer.Uid
            : uint.MaxValue;
        if (_exempt?.Contains(user) == true)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        var refusal = _counter.TryOpen(user, out var first);
        if (refusal != ConnectionRefusal.None)
        {
            if (first)
            {
                LogRefused(_listener, _exempt is null ? "its clients" : "uid " + user.ToString(CultureInfo.InvariantCulture), refusal == ConnectionRefusal.OverUserLimit ? "its own limit" : "the server's limit for all users", _counter.OpenBy(user), _counter.Open);
            }

            if ((refusal == ConnectionRefusal.OverUserLimit ? _overUser : _overTotal) is { } answer)
            {
                // A few hundred bytes: the transport's pipe takes them at once, whatever the peer does.
                _ = await connection.Transport.Output.WriteAsync(answer).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            _counter.Close(user);
        }
    };

    private static byte[] Answer(int status, string reason, ApiError error)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, OmbJsonContext.Default.ApiError);
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        return [.. head, .. body];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refusing connections on {Listener} from {Who}: over {Limit} ({Held} held by them, {Open} in all); logged once until one closes")]
    private partial void LogRefused(string listener, string who, string limit, int held, int open);
}
