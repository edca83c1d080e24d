using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

/// <summary>The real host on a real Unix socket, driven by the real client.</summary>
public sealed class ServerHostTests : IAsyncLifetime
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-host-");
    private readonly InMemoryJobStore _store = new();
    private Microsoft.AspNetCore.Builder.WebApplication? _app;

    public async Task InitializeAsync()
    {
        var config = ServerConfiguration.Load(new ServerCommandLine(_home.FullName, null, null, null, "simple", false));
        _app = ServerHost.Build(config, _home.FullName, _store);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _home.Delete(recursive: true);
    }

    [Fact]
    public async Task Submit_OverTheSocket_RecordsTheCallersUidFromThePeerCredentials()
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(_home.FullName));

        var r = await client.SubmitAsync(new SubmitRequest(new JobSpec { Name = "t", Script = "echo", WorkingDirectory = "/", SubmitDirectory = "/" }));
        var detail = await client.GetJobAsync(r.DisplayId);

        Assert.Equal(Environment.UserName, detail.Job.Owner.UserName);
        Assert.Equal(uint.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture), detail.Job.Owner.Uid);
        Assert.Single(_store.Load().Jobs);
    }

    [Fact]
    public async Task Detail_UnknownJob_IsRefusedAsApiError()
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(_home.FullName));

        var e = await Assert.ThrowsAsync<ApiException>(() => client.GetJobAsync("424242"));

        Assert.Equal(ApiErrorKind.Refused, e.Error.Kind);
    }

    [Fact]
    public async Task Nodes_ComeFromTheConfiguredClusterTable()
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(_home.FullName));

        var nodes = await client.ListNodesAsync();

        Assert.Equal(["node1", "node2", "node3", "node4"], nodes.Nodes.Select(n => n.Node.Name));
    }
}
