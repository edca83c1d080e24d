using Microsoft.AspNetCore.Builder;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

/// <summary>The real host on a Unix socket under a temporary OMB_HOME, over the store a test gives it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, string home)
    {
        _app = app;
        Home = home;
    }

    public string Home { get; }

    public string SocketPath => OmbHome.SocketPath(Home);

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server with the embedded default configuration (four nodes of 2 CPUs and 4 GB).</summary>
    public static async Task<RunningServer> StartAsync(string home, IJobStore store, Action<ServerConfiguration>? adjust = null)
    {
        var config = ServerConfiguration.Load(new ServerCommandLine(home, null, null, null, "simple", false));
        adjust?.Invoke(config);
        var app = ServerHost.Build(config, home, store);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningServer(app, home);
    }

    public OmbApiClient Client() => new(SocketPath);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
