using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>Composes the queue server: Kestrel on the Unix socket, the queue over a job store, admission reasons.</summary>
public static class ServerHost
{
    /// <summary>Builds the application listening on <paramref name="home"/>'s socket with <paramref name="store"/> as its durable record.</summary>
    public static WebApplication Build(ServerConfiguration config, string home, IJobStore store, string logFormat = "simple")
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "omb-server" });
        builder.Logging.ClearProviders();
        if (logFormat == "json")
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
            });
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var socket = OmbHome.SocketPath(home);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OmbJsonContext.Default));
        builder.Services.AddSingleton<IOptions<OmbServerOptions>>(Microsoft.Extensions.Options.Options.Create(config.Options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new NodeTable(config.Nodes));
        builder.Services.AddSingleton(AdmissionSettingsFactory.Create(config.Options.Admission));
        builder.Services.AddSingleton<UserDirectory>(_ => new UserDirectory());
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        builder.Services.AddSingleton<AdmissionReasons>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AdmissionReasons>());
        var app = builder.Build();
        app.MapQueueApi();
        return app;
    }
}
