using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Tests.Queue;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Server.Tests.Hosting;

/// <summary>
/// A test class whose every test talks to its own real host: a temporary OMB_HOME, a <see cref="CountingJobStore"/>,
/// the server on its Unix socket and a client, all stopped and removed after the test (also when it failed).
/// </summary>
public abstract class RunningServerTests : IAsyncLifetime
{
    private RunningServer? _server;
    private OmbApiClient? _client;
    private HttpClient? _raw;

    /// <param name="homePrefix">Start of the temporary OMB_HOME's name, so a leftover tells which test class made it.</param>
    protected RunningServerTests(string homePrefix)
    {
        Home = Directory.CreateTempSubdirectory(homePrefix);
    }

    protected DirectoryInfo Home { get; }

    private protected CountingJobStore Store { get; } = new();

    private protected RunningServer Server => _server ?? throw new InvalidOperationException("the server starts in InitializeAsync");

    protected OmbApiClient Client => _client ?? throw new InvalidOperationException("the server starts in InitializeAsync");

    /// <summary>A plain HttpClient on the socket, for requests the omb client would never send (made on first use).</summary>
    protected HttpClient Raw => _raw ??= RawSocketClient.Create(Server.SocketPath);

    public virtual async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(Home.FullName, Store, Configure);
        _client = _server.Client();
    }

    public virtual async Task DisposeAsync()
    {
        _raw?.Dispose();
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Store.Dispose();
        Home.Delete(recursive: true);
    }

    /// <summary>Changes the embedded default configuration before the server starts (limits, administrators).</summary>
    private protected virtual void Configure(ServerConfiguration config)
    {
    }
}
