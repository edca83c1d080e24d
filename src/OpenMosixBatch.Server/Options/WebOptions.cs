namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Web": the web dashboard. Off unless <see cref="Listen"/> is set. Anyone who reaches it sees aggregate
/// figures (nodes, utilisation, counts, plots); job names, users and reasons only after a login with the user's token.
/// </summary>
public sealed class WebOptions
{
    public const string ListenKey = "Omb:Web:Listen";
    public const string SampleIntervalKey = "Omb:Web:SampleInterval";
    public const string HistoryKey = "Omb:Web:History";
    public const string SessionLifetimeKey = "Omb:Web:SessionLifetime";
    public const string MaxConnectionsKey = "Omb:Web:MaxConnections";

    /// <summary>Browsers hold a few connections each; this bounds what unauthenticated visitors can hold.</summary>
    public const int DefaultMaxConnections = 256;

    /// <summary>Most samples the history may keep (a day at one a second), so a typo cannot take the server's memory.</summary>
    public const int MaxSamples = 86_400;

    /// <summary>One sample every 5 s: a plot of an hour has 720 points, finer than its pixels on most screens.</summary>
    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromSeconds(5);

    /// <summary>The plots cover the last hour, as openMosixview's load history did.</summary>
    public static readonly TimeSpan DefaultHistory = TimeSpan.FromHours(1);

    /// <summary>A login lasts a working day (never longer than the token it was made with).</summary>
    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(8);

    /// <summary>Address and port, e.g. "127.0.0.1:8080"; empty (the default) means no dashboard.</summary>
    public string Listen { get; set; } = string.Empty;

    public TimeSpan SampleInterval { get; set; } = DefaultSampleInterval;

    public TimeSpan History { get; set; } = DefaultHistory;

    public TimeSpan SessionLifetime { get; set; } = DefaultSessionLifetime;

    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>How many samples the history keeps: <see cref="History"/> / <see cref="SampleInterval"/>, at least 1.</summary>
    public int Capacity => SampleInterval <= TimeSpan.Zero ? 1 : (int)Math.Clamp(Math.Ceiling(History / SampleInterval), 1, MaxSamples);
}
