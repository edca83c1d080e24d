namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Tcp": the optional TCP listener for submit hosts. Off unless <see cref="Listen"/> is set; every request
/// on it must carry the caller's token (<c>omb token</c>), which stands for the uid the Unix socket would have given.
/// </summary>
public sealed class TcpOptions
{
    public const string ListenKey = "Omb:Tcp:Listen";
    public const string TokenLifetimeKey = "Omb:Tcp:TokenLifetime";
    public const string MaxConnectionsKey = "Omb:Tcp:MaxConnections";

    /// <summary>Connections are made before any token is seen, so this bounds what unauthenticated clients can hold.</summary>
    public const int DefaultMaxConnections = 512;

    /// <summary>90 days: a token is copied to submit hosts by hand, so it should not need renewing every week.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(90);

    /// <summary>Address and port to listen on, e.g. "127.0.0.1:7070" or "[::1]:7070"; empty (the default) means no TCP listener.</summary>
    public string Listen { get; set; } = string.Empty;

    /// <summary>Most connections the TCP listener holds open at once, from everyone; more are closed at once.</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>How long a token issued by <c>omb token</c> is accepted.</summary>
    public TimeSpan TokenLifetime { get; set; } = DefaultTokenLifetime;
}
