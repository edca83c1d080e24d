using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Tests.Hosting;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>POST /v1/jobs/batch on the real host and socket: each job as if submitted alone, all in one answer after the commit.</summary>
public sealed class SubmitBatchEndpointsTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-batch-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task SubmitBatch_ManyJobs_AnswersIdsInOrderAndEveryOneSurvivesARestart()
    {
        var db = OmbHome.DatabasePath(_home.FullName);
        SubmitBatchResponse response;
        using (var store = LiteDbJobStore.Open(db))
        {
            await using var server = await RunningServer.StartAsync(_home.FullName, store);
            using var client = server.Client();
            response = await client.SubmitBatchAsync(new SubmitBatchRequest([.. Enumerable.Range(0, 50).Select(i => Spec("b" + i))]));
        }

        var ids = response.Results.Select(r => r.Job?.Id ?? throw new InvalidOperationException(r.Error?.Message)).ToList();
        Assert.Equal(50, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(50, ids.Distinct().Count());
        using (var store = LiteDbJobStore.Open(db))
        {
            var stored = store.Load().Jobs.ToDictionary(j => j.Id);
            Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal("b" + x.i, stored[x.id].Spec.Name));
        }
    }

    [Fact]
    public async Task SubmitBatch_OneJobRefused_StoresTheOthersAndSaysWhyForThatOne()
    {
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);
        using var client = server.Client();

        var response = await client.SubmitBatchAsync(new SubmitBatchRequest([Spec("a"), Spec("b") with { Queue = "nosuchqueue" }, Spec("c")]));

        Assert.NotNull(response.Results[0].Job);
        Assert.Null(response.Results[1].Job);
        Assert.Equal(ApiErrorKind.BadInput, response.Results[1].Error!.Kind);
        Assert.Contains("unknown queue 'nosuchqueue'", response.Results[1].Error!.Message, StringComparison.Ordinal);
        Assert.NotNull(response.Results[2].Job);
        Assert.Equal(["a", "c"], store.Load().Jobs.Select(j => j.Spec.Name).Order());
    }

    [Fact]
    public async Task SubmitBatch_MoreThanTheLimit_IsRefusedWholeAndStoresNothing()
    {
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);
        using var client = server.Client();

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            client.SubmitBatchAsync(new SubmitBatchRequest([.. Enumerable.Range(0, SubmitBatchEndpoints.MaxJobs + 1).Select(i => Spec("x"))])));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains("split it into several requests", e.Message, StringComparison.Ordinal);
        Assert.Empty(store.Load().Jobs);
    }

    [Fact]
    public async Task SubmitBatch_NoJobs_IsRefusedAsBadInput()
    {
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);
        using var client = server.Client();

        var e = await Assert.ThrowsAsync<ApiException>(() => client.SubmitBatchAsync(new SubmitBatchRequest([])));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Empty(store.Load().Jobs);
    }

    private static JobSpec Spec(string name) => new() { Name = name, Script = "echo", WorkingDirectory = "/", SubmitDirectory = "/" };
}
