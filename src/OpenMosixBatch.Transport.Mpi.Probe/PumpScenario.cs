using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Transport.Mpi.Pump;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>
/// The integration scenario: every rank prints "rank R pid P", sends a hello record (with a bulk payload)
/// to rank 0 through the pump, and takes part in load ticks. Rank 0 asks the world to stop once it has
/// every hello and the wanted number of ticks, then prints one JSON summary line. With
/// <c>--stop-after-ticks 0</c> the world ticks until it is killed.
/// </summary>
public static class PumpScenario
{
    public const int HelloTag = 1;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var stopAfterTicks = ProbeSwitches.Integer(args, "--stop-after-ticks", 3);
        var tickMs = ProbeSwitches.Integer(args, "--tick-ms", 200);
        var bulkBytes = ProbeSwitches.Integer(args, "--bulk-bytes", 2 * 1024 * 1024);
        var clock = Stopwatch.StartNew();
        var options = new MpiPumpOptions { TickInterval = TimeSpan.FromMilliseconds(tickMs) };
        var pid = Environment.ProcessId;

        await using var pump = await MpiPump<LoadReport>.StartAsync(
            args, new LoadReport(-1, pid, 0, 0), options, JsonMpiSerializer.Default, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var rank = pump.Rank;
        pump.UpdateReport(new LoadReport(rank, pid, CpuPercent: rank * 10.0, MemoryMb: 100L * (rank + 1)));
        await output.WriteLineAsync($"rank {rank} pid {pid}");
        await output.FlushAsync();

        pump.Send(0, HelloTag, new ProbeRecord(rank, pid, $"rank-{rank}", BulkFor(rank, bulkBytes)));

        var hellos = new List<object>();
        var ticks = new List<object>();
        var inbox = Task.Run(async () =>
        {
            await foreach (var message in pump.Inbox.ReadAllAsync())
            {
                var hello = message.Read<ProbeRecord>();
                var bulkOk = hello.Bulk == BulkFor(hello.Rank, bulkBytes);
                lock (hellos)
                {
                    hellos.Add(new { source = message.Source, tag = message.Tag, rank = hello.Rank, pid = hello.Pid, name = hello.Name, bulkLength = hello.Bulk.Length, bulkOk });
                }
            }
        });

        await foreach (var tick in pump.Ticks.ReadAllAsync())
        {
            ticks.Add(new
            {
                sequence = tick.Sequence,
                ranks = tick.Reports.Select(r => r.Rank).ToArray(),
                cpu = tick.Reports.Select(r => r.CpuPercent).ToArray(),
                memoryMb = tick.Reports.Select(r => r.MemoryMb).ToArray(),
                isFinal = tick.IsFinal,
            });
            int helloCount;
            lock (hellos)
            {
                helloCount = hellos.Count;
            }

            if (rank == 0 && stopAfterTicks > 0 && ticks.Count >= stopAfterTicks && helloCount == pump.Size)
            {
                pump.RequestStop();
            }
        }

        await inbox;
        await pump.Completion;
        if (rank == 0)
        {
            var summary = new { mode = "pump", size = pump.Size, hellos, ticks, elapsedMs = clock.ElapsedMilliseconds };
            await output.WriteLineAsync(JsonSerializer.Serialize(summary));
        }

        return 0;
    }

    /// <summary>A deterministic payload per rank, so rank 0 can check it arrived intact.</summary>
    public static string BulkFor(int rank, int length) =>
        string.Create(length, rank, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i + r) % 26));
            }
        });
}
