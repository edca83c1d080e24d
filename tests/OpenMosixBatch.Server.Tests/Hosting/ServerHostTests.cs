using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Tests.Hosting;

/// <summary>The real host on a real Unix socket, driven by the real client.</summary>
public sealed class ServerHostTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-host-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task Submit_OverTheSocket_RecordsTheCallersUidFromThePeerCredentials()
    {
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);
        using var client = server.Client();

        var r = await client.SubmitAsync(new SubmitRequest(Spec()));
        var detail = await client.GetJobAsync(r.DisplayId);

        Assert.Equal(Environment.UserName, detail.Job.Owner.UserName);
        Assert.Equal(OwnUid(), detail.Job.Owner.Uid);
        Assert.Single(store.Load().Jobs);
    }

    [Fact]
    public async Task Build_NoConfigurationFileIsReloadedOnChange_SoTheWorkingDirectoryIsNotWatched()
    {
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);

        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        // The host's default appsettings.json sources are there (optional files); none of them watches for changes.
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is reloaded on change: its watcher follows the working directory's whole tree"));
    }

    [Fact]
    public async Task Detail_UnknownJob_IsRefusedAsApiError()
    {
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);
        using var client = server.Client();

        var e = await Assert.ThrowsAsync<ApiException>(() => client.GetJobAsync("424242"));

        Assert.Equal(ApiErrorKind.Refused, e.Error.Kind);
        Assert.Equal("unknown job 424242: check the id with 'qstat -x'", e.Message);
    }

    [Fact]
    public async Task Socket_IsOpenToEveryone_AndRemovedOnShutdown()
    {
        using var store = new InMemoryJobStore();
        var server = await RunningServer.StartAsync(_home.FullName, store);
        var socket = server.SocketPath;

        var mode = File.GetUnixFileMode(socket);
        await server.DisposeAsync();

        Assert.Equal(ServerHost.SocketMode, mode & ServerHost.SocketMode);
        Assert.False(File.Exists(socket), "the socket must be removed on a clean shutdown");
    }

    [Fact]
    public async Task Restart_OnLiteDb_KeepsEveryAcknowledgedJobAndTheIdCounter()
    {
        var db = OmbHome.DatabasePath(_home.FullName);
        var acknowledged = new List<SubmitResponse>();
        using (var store = LiteDbJobStore.Open(db))
        {
            await using var server = await RunningServer.StartAsync(_home.FullName, store);
            using var client = server.Client();
            for (var i = 0; i < 5; i++)
            {
                acknowledged.Add(await client.SubmitAsync(new SubmitRequest(Spec())));
            }

            Assert.True((await client.ActAsync(new JobActionRequest(JobAction.Hold, [acknowledged[0].DisplayId]))).Results.Single().Ok);
        }

        using (var store = LiteDbJobStore.Open(db))
        {
            await using var server = await RunningServer.StartAsync(_home.FullName, store);
            using var client = server.Client();

            var rows = (await client.ListJobsAsync(null, includeFinished: true, expandTasks: false)).Jobs;
            var next = await client.SubmitAsync(new SubmitRequest(Spec()));

            Assert.Equal(acknowledged.Select(a => a.DisplayId), rows.Select(r => r.Id));
            Assert.Equal('H', rows[0].State);
            Assert.Equal(acknowledged[^1].Id + 1, next.Id);
        }
    }

    [Fact]
    public async Task Start_WithAThresholdTheValidatorRefuses_FailsNamingTheKey()
    {
        using var store = new InMemoryJobStore();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningServer.StartAsync(_home.FullName, store, c => c.Options.Admission.CpuThreshold = 150));

        Assert.Contains("Omb:Admission:CpuThreshold is 150: use a percentage above 0 and at most 100", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(OmbHome.SocketPath(_home.FullName)), "a refused configuration must not leave a socket behind");
    }

    private static JobSpec Spec() => new() { Name = "t", Script = "echo", WorkingDirectory = "/", SubmitDirectory = "/" };

    private static uint OwnUid() =>
        uint.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1],
            System.Globalization.CultureInfo.InvariantCulture);
}
