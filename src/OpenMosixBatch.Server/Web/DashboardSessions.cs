using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Security;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// Logins to the dashboard. A user proves who they are with the same token the TCP API takes (<c>omb token</c>),
/// checked by the same <see cref="TokenVerifier"/> against the same <see cref="TokenStore"/>; the browser then holds a
/// random session id in an HttpOnly cookie, never the token. A session ends at logout, after
/// <see cref="WebOptions.SessionLifetime"/>, when its token expires, and as soon as the user's token is rotated or revoked.
/// </summary>
public sealed class DashboardSessions(TokenStore tokens, TimeProvider time, IOptions<OmbServerOptions> options)
{
    /// <summary>Sessions kept at most; the oldest go first, so a login loop cannot grow the server's memory.</summary>
    public const int MaxSessions = 10_000;

    private const int IdBytes = 32;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new session for a valid token, or null (wrong, expired or revoked token: one answer for all).</summary>
    public (string Id, TokenRecord Record)? Login(string? token)
    {
        var now = time.GetUtcNow();
        if (TokenVerifier.Verify(token, tokens.Find, now) is not { } record)
        {
            return null;
        }

        var id = Base64Url(RandomNumberGenerator.GetBytes(IdBytes));
        var expires = Min(now + options.Value.Web.SessionLifetime, record.Expires);
        lock (_lock)
        {
            foreach (var gone in _sessions.Where(s => s.Value.Expires <= now).Select(s => s.Key).ToList())
            {
                _sessions.Remove(gone);
            }

            if (_sessions.Count >= MaxSessions)
            {
                _sessions.Remove(_sessions.MinBy(s => s.Value.Created).Key);
            }

            _sessions[Key(id)] = new Session(record, now, expires);
        }

        return (id, record);
    }

    /// <summary>The token record a live session stands for, or null; a session whose token changed since the login is ended.</summary>
    public TokenRecord? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var key = Key(id);
        lock (_lock)
        {
            if (!_sessions.TryGetValue(key, out var session))
            {
                return null;
            }

            var current = tokens.Find(session.Record.Uid);
            if (session.Expires <= now || current is null || current.Expires <= now || !CryptographicOperations.FixedTimeEquals(current.Digest, session.Record.Digest))
            {
                _sessions.Remove(key);
                return null;
            }

            return session.Record;
        }
    }

    public void Logout(string? id)
    {
        if (!string.IsNullOrEmpty(id) && id.Length <= 64)
        {
            lock (_lock)
            {
                _sessions.Remove(Key(id));
            }
        }
    }

    /// <summary>Sessions are looked up by the SHA-256 of their id, so the lookup's timing says nothing about ids that exist.</summary>
    private static string Key(string id) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Session(TokenRecord Record, DateTimeOffset Created, DateTimeOffset Expires);
}
