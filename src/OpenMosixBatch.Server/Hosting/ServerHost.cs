using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Accounting;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Backups;
using OpenMosixBatch.Server.Checkpoints;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Cron;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Metrics;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Status;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Server.Web;
using OpenMosixBatch.Server.Parts;
using OpenMosixBatch.Server.World;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>Composes the queue server: Kestrel on the Unix socket, the queue over a job store, the dispatcher, the world link and its supervisor.</summary>
public static class ServerHost
{
    /// <summary>rw for everyone: who may do what is decided per request from the caller's uid.</summary>
    public const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
        | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>How long a connection may sit idle before (or between) requests.</summary>
    public static readonly TimeSpan IdleConnectionTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long a request's headers may take to arrive once it began.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The host's own switches: its default appsettings.json sources are not reloaded on change. Reloading them watched
    /// the server's working directory and every directory under it with inotify (4,451 watches for a server started in
    /// /tmp), and the watcher's thread took about a tenth of the server's CPU in a short-job run whose spool and output
    /// files were written under that directory. The server's configuration is conf/omb.json, read once (ServerConfiguration).
    /// </summary>
    internal static readonly string[] HostArgs = ["--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>Builds the application listening on <paramref name="home"/>'s socket with <paramref name="store"/> as its durable record.</summary>
    /// <param name="schedules">The cron schedules' durable record; null keeps them in memory (tests that need no restart).</param>
    /// <param name="tunables">The tunables in force; null loads them from OMB_HOME and conf/ (throws when a file is wrong).</param>
    /// <param name="tokens">The users' TCP tokens; null loads OMB_HOME/tokens (throws when the file is wrong).</param>
    public static WebApplication Build(ServerConfiguration config, string home, IJobStore store, string logFormat = "simple", IScheduleStore? schedules = null,
        TunablesState? tunables = null, TokenStore? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        tunables ??= TunablesState.Load(config.ConfDirectory, home, config.Options.Migration.Enabled);
        tokens ??= TokenStore.Load(home);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "omb-server", Args = HostArgs });
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
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Bounded connections per uid and in all (issue 22): one user's idle, half-written requests cannot take
            // the descriptors everyone else's requests and the world's link need.
            var gates = k.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectionGate>();
            var exempt = new[] { 0u, ServerIdentity.EffectiveUid }.Concat(config.Options.AdministratorUids);
            var unix = ConnectionGate.ForUnixSocket(config.Options.Limits, exempt, gates);
            k.ListenUnixSocket(socket, l => l.Use(unix.Wrap));
            // Off by default: only an administrator's Omb:Tcp:Listen opens the queue to the network, and then only to token holders.
            if (config.Options.Tcp.Listen is { Length: > 0 } listen && TcpEndpoint.Parse(listen, out _) is { } endpoint)
            {
                var tcp = ConnectionGate.ForTcp(config.Options.Tcp, gates);
                k.Listen(endpoint, l => l.Use(tcp.Wrap));
            }

            // A slow-loris holds a connection only this long: the CLI sends its headers at once, and a client that sends
            // nothing (or half a request) gives its slot back within seconds instead of Kestrel's 130 s and 30 s.
            k.Limits.KeepAliveTimeout = IdleConnectionTimeout;
            k.Limits.RequestHeadersTimeout = RequestHeadersTimeout;

            // ProtocolErrors enforces Omb:Limits:MaxRequestBodySize itself, so that the client reads the refusal.
            k.Limits.MaxRequestBodySize = null;
        });
        // A parameter that does not bind throws, so that ProtocolErrors answers it with one line naming it.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OmbJsonContext.Default));
        // ServerConfiguration.Load validated these already (to fail with the file's name before anything starts);
        // ValidateOnStart keeps a host built any other way from running with settings the validator refuses.
        builder.Services.AddSingleton<IValidateOptions<OmbServerOptions>, OmbServerOptionsValidator>();
        builder.Services.AddOptions<OmbServerOptions>().Configure(o => CopyInto(config.Options, o)).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new JobCookies(home));
        builder.Services.AddSingleton<RemotePartBook>();
        builder.Services.AddSingleton(sp => new WorldGateway { Cookies = sp.GetRequiredService<JobCookies>() });
        builder.Services.AddSingleton(new NodeAdminStates(Path.Combine(home, "nodes.json")));
        builder.Services.AddSingleton(new BlackHoleHistory(Path.Combine(home, "blackhole.json")));
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(new ClusterMembership(Path.Combine(home, "members.json"), config.Nodes));
        builder.Services.AddSingleton<NodeTable>();
        builder.Services.AddSingleton<JoinHealthCheck>();
        builder.Services.AddSingleton(new WorldLaunchSettings(config.Nodes, WorldLaunchSettings.ResolveNodeCommand(config.Options.World.NodeProgram), home));
        builder.Services.AddSingleton(AdmissionSettingsFactory.Create(config.Options.Admission));
        builder.Services.AddSingleton<UserDirectory>(_ => new UserDirectory());
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(new CheckpointStore(home));
        builder.Services.AddSingleton<CheckpointUploadLocks>();
        builder.Services.AddSingleton(tunables);
        builder.Services.AddSingleton<TuneBroadcaster>();
        builder.Services.AddSingleton<HealthCheckGuard>();
        builder.Services.AddSingleton<BlackHoleGuard>();
        // First of the hosted services: it starts beside the store's load and the server listens only once it is done.
        builder.Services.AddHostedService<SubmissionRehearsal>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        builder.Services.AddSingleton<Dispatcher>();
        builder.Services.AddSingleton<ListingCache>();
        builder.Services.AddSingleton<EstimateCache>();
        builder.Services.AddSingleton<ClusterGauges>();
        if (config.Options.Metrics.Listen is { Length: > 0 } metrics && TcpEndpoint.Parse(metrics, out _) is { } scrape)
        {
            // Its own listener, outside Kestrel: a scrape never meets the API's token check, and the API never serves /metrics.
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ServerMeter.Name).AddPrometheusHttpListener(o =>
            {
                o.Host = MetricsHost(scrape.Address);
                o.Port = scrape.Port;
            }));
        }

        builder.Services.AddSingleton(new ServerStartTime(TimeProvider.System.GetUtcNow()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        builder.Services.AddSingleton<CheckpointJanitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CheckpointJanitor>());
        builder.Services.AddHostedService<Mail.JobMailer>();
        builder.Services.AddSingleton(schedules ?? new InMemoryScheduleStore());
        builder.Services.AddSingleton<ScheduledSubmitter>();
        builder.Services.AddSingleton<CronScheduleService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CronScheduleService>());
        if (store is LiteDbJobStore database)
        {
            var backup = config.Options.Backup;
            builder.Services.AddSingleton(sp => new DatabaseBackups(new BackupSchedule(home, backup.Interval, backup.Keep), database.Backup,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DatabaseBackups>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseBackups>());
        }

        // Registered after the queue, so they stop before it: the world's lost tasks are committed on the way down.
        builder.Services.AddSingleton<WorldSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorldSupervisor>());
        builder.Services.AddHostedService<WorldWatchdog>();
        builder.Services.AddSingleton<MembershipService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MembershipService>());
        builder.Services.AddHostedService<UnendedDeletionSweeper>();
        // Both stores keep accounting; a store that keeps none (a test's wrapper) reports an empty history.
        builder.Services.AddSingleton(store as IAccountingStore ?? new InMemoryJobStore());
        builder.Services.AddHostedService<AccountingPruner>();
        builder.Services.AddSingleton<Memory.HeapTrimmer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Memory.HeapTrimmer>());
        if (config.Options.Web.Listen is { Length: > 0 })
        {
            AddDashboard(builder.Services);
        }

        var app = builder.Build();
        _ = app.Services.GetRequiredService<ClusterGauges>();
        // First: an unauthenticated TCP request meets nothing else of the server, not even its 404s.
        app.UseMiddleware<TokenAuthentication>();
        app.UseMiddleware<ProtocolErrors>();
        app.MapQueueApi();
        app.MapSubmitBatchApi();
        app.MapNodeApi();
        app.MapMembershipApi();
        app.MapWorldApi();
        app.MapScheduleApi();
        app.MapCheckpointApi();
        app.MapTunablesApi();
        app.MapMigrateApi();
        app.MapSelectApi();
        app.MapSignalApi();
        app.MapRemotePartApi();
        app.MapAlterApi();
        app.MapAccountingApi();
        app.MapTraceApi();
        app.MapBackupApi();
        app.MapTokenApi();
        app.MapStatusApi();
        app.MapTopApi();

        // Access control is by peer uid, so every local user may connect: the socket is 0666.
        app.Lifetime.ApplicationStarted.Register(() => File.SetUnixFileMode(socket, SocketMode));
        app.Lifetime.ApplicationStopped.Register(() => File.Delete(socket));
        return app;
    }

    /// <summary>The metrics listener's host as HttpListener takes it: 127.0.0.1, [::1], or * for any address.</summary>
    public static string MetricsHost(System.Net.IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any) ? "*"
            : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]"
            : address.ToString();
    }

    /// <summary>The dashboard (Omb:Web:Listen): the hour of samples its plots draw, and its own Kestrel host.</summary>
    private static void AddDashboard(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var queue = sp.GetRequiredService<JobQueue>();
            var nodes = sp.GetRequiredService<NodeTable>();
            var settings = sp.GetRequiredService<AdmissionSettings>();
            return new ClusterHistory((now, since) =>
            {
                var state = queue.State;
                return ClusterSampleBuilder.Build(state, [.. nodes.Views(state).Select(v => v.Node)], settings, now, since);
            }, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<OmbServerOptions>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<ClusterHistory>());
        services.AddHostedService<DashboardHost>();
    }

    private static void CopyInto(OmbServerOptions from, OmbServerOptions to)
    {
        to.Home = from.Home;
        to.AdministratorUids = [.. from.AdministratorUids];
        to.AdministratorGroups = [.. from.AdministratorGroups];
        to.DefaultMemoryPerChunk = from.DefaultMemoryPerChunk;
        to.ClusterFile = from.ClusterFile;
        to.Admission = from.Admission;
        to.World = from.World;
        to.Migration = from.Migration;
        to.Backup = from.Backup;
        to.Limits = from.Limits;
        to.Health = from.Health;
        to.BlackHole = from.BlackHole;
        to.Security = from.Security;
        to.Tcp = from.Tcp;
        to.Metrics = from.Metrics;
        to.Web = from.Web;
        to.Submission = from.Submission;
        to.Mail = from.Mail;
        to.Accounting = from.Accounting;
        to.Memory = from.Memory;
    }
}
