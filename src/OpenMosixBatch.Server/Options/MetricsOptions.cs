namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Metrics": the Prometheus scrape listener (<c>GET /metrics</c>), a listener of its own apart from the
/// API's socket and TCP port. Off unless <see cref="Listen"/> is set; it serves aggregate figures only (no job names,
/// no users), so it needs no token, and an administrator binds it to a monitoring network or to loopback.
/// </summary>
public sealed class MetricsOptions
{
    public const string ListenKey = "Omb:Metrics:Listen";

    /// <summary>Address and port, e.g. "127.0.0.1:9184"; empty (the default) means no metrics listener.</summary>
    public string Listen { get; set; } = string.Empty;
}
