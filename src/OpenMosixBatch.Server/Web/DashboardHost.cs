using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Status;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// The web dashboard on <see cref="WebOptions.Listen"/>: a Kestrel host of its own beside the API's, sharing the
/// server's queue, nodes and identities. Being a separate host, nothing of the API is reachable through its port, and
/// the API's TCP gate (which answers every request without a token with a 401) does not stand in front of its pages.
/// </summary>
public sealed partial class DashboardHost(IServiceProvider server, IOptions<OmbServerOptions> options, ILoggerFactory logs) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var web = options.Value.Web;
        if (TcpEndpoint.Parse(web.Listen, out _) is not { } endpoint)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "omb-web", Args = ServerHost.HostArgs });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logs);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.Limits.MaxConcurrentConnections = web.MaxConnections;
            k.Limits.KeepAliveTimeout = ServerHost.IdleConnectionTimeout;
            k.Limits.RequestHeadersTimeout = ServerHost.RequestHeadersTimeout;
            k.Limits.MaxRequestBodySize = 16 * 1024;
        });
        foreach (var shared in new[] { typeof(JobQueue), typeof(NodeTable), typeof(Dispatcher), typeof(AdmissionSettings), typeof(CallerResolver),
            typeof(TokenStore), typeof(TimeProvider), typeof(ClusterHistory), typeof(EstimateCache), typeof(IOptions<OmbServerOptions>) })
        {
            builder.Services.AddSingleton(shared, server.GetRequiredService(shared));
        }

        builder.Services.AddSingleton<DashboardAssets>();
        builder.Services.AddSingleton<DashboardSessions>();
        builder.Services.AddSingleton<DashboardCallers>();
        builder.Services.AddSingleton(sp => new DashboardAggregates(() => sp.GetRequiredService<JobQueue>().State, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ClusterHistory>().Window));
        var app = builder.Build();
        app.Use(SecurityHeaders);
        app.MapDashboard();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        LogListening(logs.CreateLogger<DashboardHost>(), $"http://{endpoint}/");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every answer forbids loading anything from elsewhere (scripts, styles, images, connections: 'self' only), inline
    /// scripts, framing and sniffing, so even a job name crafted as HTML cannot make a visitor's browser run or fetch anything.
    /// </summary>
    private static Task SecurityHeaders(HttpContext http, RequestDelegate next)
    {
        var h = http.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Resource-Policy"] = "same-origin";
        return next(http);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "web dashboard listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
