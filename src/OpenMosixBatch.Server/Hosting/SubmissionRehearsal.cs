using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// Runs the submission path once, in memory, while the server starts, before it listens: a script job and a 10,000-element
/// array are read from their JSON, decided by <see cref="SubmitCommand"/> on a working set of their own, mapped to their
/// stored documents and back, answered and listed. Nothing reaches the queue, the store, the log or the metrics.
/// </summary>
/// <remarks>
/// ReadyToRun cannot compile ahead the framework's generic code over Core's types (System.Text.Json's metadata and
/// converters for every member type, the immutable collections over the queue's keys): a fresh server compiled about
/// 1,600 such methods on its first submission, which took a 10,000-element array from about 35 ms on a warm server to
/// over 200 ms. The rehearsal starts when the host is built, beside the store's load, and the server listens only once it
/// is done, so the first request finds that code compiled.
/// </remarks>
internal sealed partial class SubmissionRehearsal : IHostedService
{
    private const int ArrayElements = 10_000;
    private readonly Task _run;
    private readonly ILogger<SubmissionRehearsal> _logger;

    public SubmissionRehearsal(NodeTable nodes, IOptions<OmbServerOptions> options, TimeProvider time, ILogger<SubmissionRehearsal> logger)
    {
        _logger = logger;
        _run = Task.Run(() => Rehearse(nodes, options.Value, time.GetUtcNow()));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // Only the first request's speed depends on it: a failure here must never keep the server from starting.
            LogRehearsalFailed(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <returns>How many of its three submissions were accepted (all three on a site whose nodes and limits take them).</returns>
    internal static int Rehearse(NodeTable nodes, OmbServerOptions o, DateTimeOffset now)
    {
        var directory = Path.GetTempPath();
        var script = new JobSpec
        {
            Name = "rehearsal",
            Script = "#!/bin/sh\n#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:01:00\ntrue\n",
            WorkingDirectory = directory,
            SubmitDirectory = directory,
            Resources = new ResourceRequest(MemoryBytesPerChunk: 64L << 20, Walltime: TimeSpan.FromMinutes(1)),
        };
        var array = new JobSpec
        {
            Name = "rehearsal",
            Command = ["/bin/true"],
            WorkingDirectory = directory,
            SubmitDirectory = directory,
            Array = new ArraySpec([.. Enumerable.Range(0, ArrayElements)]),
        };

        var single = Read(JsonSerializer.SerializeToUtf8Bytes(new SubmitRequest(array), OmbJsonContext.Default.SubmitRequest), OmbJsonContext.Default.SubmitRequest);
        var batch = Read(JsonSerializer.SerializeToUtf8Bytes(new SubmitBatchRequest([script, script]), OmbJsonContext.Default.SubmitBatchRequest), OmbJsonContext.Default.SubmitBatchRequest);
        var caller = new Caller(65534, 65534, "nobody", IsAdministrator: false);
        var queues = AdmissionSettingsFactory.KnownQueues(o.Admission);
        var defaultMemory = SizeParser.Parse(o.DefaultMemoryPerChunk).Value;
        var limits = o.ToSubmissionLimits();
        var working = new WorkingSet(QueueState.Empty, new JobValuePool(), _ => null);
        var results = new List<SubmitBatchResult>();
        foreach (var spec in batch?.Specs.Prepend(single?.Spec) ?? [])
        {
            var command = new SubmitCommand(spec!, caller, nodes.Nodes, queues, defaultMemory, limits);
            try
            {
                command.Decide(working, now);
                command.Complete(null);
                results.Add(new SubmitBatchResult(command.Task.Result, null));
            }
            catch (QueueRefusalException refusal)
            {
                // A site whose nodes or limits refuse the rehearsal's jobs still compiled most of the path.
                results.Add(new SubmitBatchResult(null, refusal.Error));
            }
        }

        _ = working.ToBatch();
        var state = working.ToState();
        foreach (var job in working.Upserts)
        {
            _ = JobDocumentRoundTrip.Of(job);
        }

        _ = JsonSerializer.SerializeToUtf8Bytes(new SubmitBatchResponse(results), OmbJsonContext.Default.SubmitBatchResponse);
        _ = JsonSerializer.SerializeToUtf8Bytes(results[0].Job ?? new SubmitResponse(0, "0"), OmbJsonContext.Default.SubmitResponse);
        _ = JobListing.Body(state.Jobs.Values, false, false, state.Jobs.Count);
        return state.Jobs.Count;
    }

    private static T? Read<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        // As the endpoints read a body: asynchronously from a stream.
        using var body = new MemoryStream(json);
        return JsonSerializer.DeserializeAsync(body, type).AsTask().GetAwaiter().GetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "the submission rehearsal at start-up failed; the first submissions will be slower, nothing else changes")]
    private partial void LogRehearsalFailed(Exception error);
}
