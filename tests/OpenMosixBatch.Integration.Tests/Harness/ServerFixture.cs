using System.Text.Json;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>One real server on a temporary OMB_HOME per test class, plus the omb CLI pointed at it.</summary>
public sealed class ServerFixture : IAsyncLifetime, IDisposable
{
    private TempDirectory? _dir;
    private ServerProcess? _server;

    public string Home => _dir?.Path ?? throw new InvalidOperationException("fixture not initialised");

    public Omb Omb => new(Home);

    public ServerProcess Server => _server ?? throw new InvalidOperationException("server not started");

    public async Task InitializeAsync()
    {
        _dir = new TempDirectory();
        _server = await ServerProcess.StartAsync(Home);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Runs after <see cref="DisposeAsync"/> stopped the server.</summary>
    public void Dispose() => _dir?.Dispose();

    /// <summary>Every job the server knows, finished ones and array elements included.</summary>
    public static async Task<IReadOnlyList<JobSummary>> AllJobsAsync(Omb omb)
    {
        var r = await omb.RunAsync("qstat", "-x", "--json");
        Assert.True(r.ExitCode == 0, "qstat -x --json failed: " + r);
        var list = JsonSerializer.Deserialize(r.Stdout, OmbJsonContext.Default.JobListResponse);
        Assert.NotNull(list);
        return list.Jobs;
    }
}
