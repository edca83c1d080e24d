using System.Diagnostics;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>Every endpoint over a real Unix socket, driven by the real client the CLI uses.</summary>
public sealed class QueueEndpointsTests() : RunningServerTests("omb-api-")
{
    [Fact]
    public async Task List_ShowsOwnJobsWithTheCallersName_AndExpandsArraysOnRequest()
    {
        var plain = await Client.SubmitAsync(Request("plain"));
        var array = await Client.SubmitAsync(Request("arr") with { Spec = Spec("arr") with { Array = new ArraySpec([1, 2, 3]) } });

        var rows = (await Client.ListJobsAsync(null, includeFinished: false, expandTasks: false)).Jobs;
        var expanded = (await Client.ListJobsAsync(null, includeFinished: false, expandTasks: true)).Jobs;

        Assert.Equal([plain.DisplayId, array.DisplayId], rows.Select(r => r.Id));
        Assert.Equal($"{array.Id}[]", array.DisplayId);
        Assert.All(rows, r => Assert.Equal((Environment.UserName, 'Q', "batch"), (r.User, r.State, r.Queue)));
        Assert.Equal(3, rows[1].TaskCount);
        Assert.Equal([plain.DisplayId, array.DisplayId, $"{array.Id}[1]", $"{array.Id}[2]", $"{array.Id}[3]"], expanded.Select(r => r.Id));
    }

    [Fact]
    public async Task List_ByAnotherUserName_ShowsNothingOfOurs()
    {
        await Client.SubmitAsync(Request("mine"));

        var rows = (await Client.ListJobsAsync("nobody-of-that-name", includeFinished: true, expandTasks: false)).Jobs;

        Assert.Empty(rows);
    }

    [Fact]
    public async Task HoldReleaseDelete_RoundTrip_ChangesTheStateAndTheStore()
    {
        var job = await Client.SubmitAsync(Request("cycle"));

        await AssertActionOk(JobAction.Hold, job.DisplayId);
        Assert.Equal('H', await StateOf(job.DisplayId));
        Assert.True(Store.Load().Jobs.Single().UserHold);

        await AssertActionOk(JobAction.Release, job.DisplayId);
        Assert.Equal('Q', await StateOf(job.DisplayId));

        await AssertActionOk(JobAction.Delete, job.DisplayId);
        Assert.Empty((await Client.ListJobsAsync(null, includeFinished: false, expandTasks: false)).Jobs);
        var finished = Assert.Single((await Client.ListJobsAsync(null, includeFinished: true, expandTasks: false)).Jobs);
        Assert.Equal('X', finished.State);
        Assert.Equal(JobState.Deleted, Store.Find(job.Id)?.State);
        Assert.Empty(Store.Load().Jobs);
    }

    [Fact]
    public async Task Act_SeveralIds_AnswersEachOnItsOwn()
    {
        var job = await Client.SubmitAsync(Request("one"));

        var results = (await Client.ActAsync(new JobActionRequest(JobAction.Hold, [job.DisplayId, "999999", "x1"]))).Results;

        Assert.Equal([true, false, false], results.Select(r => r.Ok));
        Assert.Equal([null, ApiErrorKind.Refused, ApiErrorKind.BadInput], results.Select(r => r.ErrorKind));
        Assert.Contains("unknown job 999999", results[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Act_NoIds_IsBadInput()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Client.ActAsync(new JobActionRequest(JobAction.Delete, [])));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
    }

    [Fact]
    public async Task Detail_CarriesTheAdmissionReason_WhileNoWorldIsConnected()
    {
        var job = await Client.SubmitAsync(Request("why"));

        var deadline = Stopwatch.StartNew();
        string? reason = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            reason = (await Client.GetJobAsync(job.DisplayId)).Job.Reason;
            if (reason?.Contains("admitted by policy", StringComparison.Ordinal) == true)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        Assert.StartsWith("admitted by policy (would start on node", reason, StringComparison.Ordinal);
        Assert.EndsWith("); waiting for an execution world: none is connected", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12[x]")]
    public async Task Detail_MalformedId_IsBadInput(string id)
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Client.GetJobAsync(id));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains("ids look like 42", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ImpossibleJob_IsBadInputNamingTheLargestNode_AndNothingIsStored()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() =>
            Client.SubmitAsync(Request("huge") with { Spec = Spec("huge") with { Resources = new ResourceRequest(CpusPerChunk: 64) } }));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains("node1", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, Store.Commits);
    }

    [Fact]
    public async Task Submit_UnknownQueue_IsBadInputListingTheQueues()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Client.SubmitAsync(Request("q") with { Spec = Spec("q") with { Queue = "nosuch" } }));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains("known queues are batch, express", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_DiskFull_IsStorageFullOverTheWire_AndTheQueueIsUnchanged()
    {
        var kept = await Client.SubmitAsync(Request("kept"));
        Store.FailAsFull = true;

        var submit = await Assert.ThrowsAsync<ApiException>(() => Client.SubmitAsync(Request("lost")));

        Assert.Equal(ApiErrorKind.StorageFull, submit.Error.Kind);
        Assert.StartsWith("could not store the change: the disk is full", submit.Message, StringComparison.Ordinal);
        Assert.Single((await Client.ListJobsAsync(null, includeFinished: true, expandTasks: false)).Jobs);
        Store.FailAsFull = false;
        Assert.Equal(kept.Id + 1, (await Client.SubmitAsync(Request("next"))).Id);
    }

    [Fact]
    public void Error_StorageFull_Is507InsufficientStorage() =>
        Assert.Equal(507, ((Microsoft.AspNetCore.Http.IStatusCodeHttpResult)QueueEndpoints.Error(new ApiError(ApiErrorKind.StorageFull, "full"))).StatusCode);

    [Fact]
    public async Task Submit_StoreCannotCommit_IsUnavailable_AndTheQueueIsUnchanged()
    {
        var kept = await Client.SubmitAsync(Request("kept"));
        Store.Fail = true;

        var submit = await Assert.ThrowsAsync<ApiException>(() => Client.SubmitAsync(Request("lost")));
        var hold = await Assert.ThrowsAsync<ApiException>(() => Client.ActAsync(new JobActionRequest(JobAction.Hold, [kept.DisplayId])));

        Assert.Equal((ApiErrorKind.Unavailable, ApiErrorKind.Unavailable), (submit.Error.Kind, hold.Error.Kind));
        Assert.Contains("could not store the change (No space left on device)", submit.Message, StringComparison.Ordinal);
        Assert.Contains("check the disk of OMB_HOME", submit.Message, StringComparison.Ordinal);
        var row = Assert.Single((await Client.ListJobsAsync(null, includeFinished: true, expandTasks: false)).Jobs);
        Assert.Equal((kept.DisplayId, 'Q'), (row.Id, row.State));
        Store.Fail = false;
        Assert.Equal(kept.Id + 1, (await Client.SubmitAsync(Request("next"))).Id);
    }

    [Fact]
    public async Task Submit_EightConcurrentClients_AreGroupCommitted()
    {
        Store.CommitDuration = TimeSpan.FromMilliseconds(5);
        const int Clients = 8, Each = 25;

        var ids = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            using var client = Server.Client();
            var mine = new List<long>();
            for (var i = 0; i < Each; i++)
            {
                mine.Add((await client.SubmitAsync(Request("burst"))).Id);
            }

            return mine;
        })));

        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(Clients * Each, all.Distinct().Count());
        Assert.Equal(Clients * Each, Store.StoredJobs);
        Assert.True(Store.Commits < Clients * Each / 2, $"expected group commits, saw {Store.Commits} commits for {Clients * Each} submissions");
    }

    [Fact]
    public async Task Nodes_ListsTheConfiguredNodesWithNothingAllocated()
    {
        var nodes = (await Client.ListNodesAsync()).Nodes;

        Assert.Equal(4, nodes.Count);
        Assert.All(nodes, n => Assert.Equal((2, 4L << 30, 0, 0L), (n.Node.Cpus, n.Node.MemoryBytes, n.Node.AllocatedCpus, n.Node.AllocatedMemoryBytes)));
        Assert.All(nodes, n => Assert.Empty(n.Tasks));
    }

    private async Task AssertActionOk(JobAction action, string id)
    {
        var r = Assert.Single((await Client.ActAsync(new JobActionRequest(action, [id]))).Results);
        Assert.True(r.Ok, $"{action} {id}: {r.Error}");
    }

    private async Task<char> StateOf(string id) =>
        Assert.Single((await Client.ListJobsAsync(null, includeFinished: true, expandTasks: false)).Jobs, r => r.Id == id).State;

    private static SubmitRequest Request(string name) => new(Spec(name));

    private static JobSpec Spec(string name) => new() { Name = name, Script = "echo hi", WorkingDirectory = "/tmp", SubmitDirectory = "/tmp" };
}
