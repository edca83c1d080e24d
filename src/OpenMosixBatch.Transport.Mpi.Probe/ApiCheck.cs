using System.Text.Json;
using OpenMosixBatch.Transport.Mpi.Runtime;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>
/// Exercises MPI.NET's object API directly (no pump) with the JSON serializer: Allgather of a record,
/// Broadcast of a string, Send/Receive of a record, ImmediateProbe, ImmediateReceive, and a record
/// larger than MPI.NET's chunk size. Rank 0 prints one JSON line; any rank exits 1 on a mismatch.
/// </summary>
public static class ApiCheck
{
    private const int RecordTag = 10;
    private const int ImmediateTag = 11;
    private const int LargeTag = 12;
    private const int LargeBytes = 3 * 1024 * 1024;

    public static int Run(string[] args, TextWriter output)
    {
        // No `using`: see FaultCheck; an exception here must end the world, not hang it in MPI_Finalize.
        var runtime = MpiRuntime.Initialize(args, JsonMpiSerializer.Default);
        var world = runtime.World;
        var rank = runtime.Rank;
        var size = runtime.Size;
        var failures = new List<string>();

        // Allgather of a record.
        var gathered = world.Allgather(new ProbeRecord(rank, Environment.ProcessId, $"rank-{rank}", string.Empty));
        for (var r = 0; r < size; r++)
        {
            Expect(gathered[r].Rank == r && gathered[r].Name == $"rank-{r}", $"allgather[{r}] = {gathered[r]}", failures);
        }

        // Broadcast of a string from rank 0.
        var greeting = rank == 0 ? "hello from rank 0" : string.Empty;
        world.Broadcast(ref greeting, 0);
        Expect(greeting == "hello from rank 0", $"broadcast gave '{greeting}'", failures);

        // Send/Receive of a record: every rank but 0 sends to 0.
        var received = new List<int>();
        if (rank == 0)
        {
            for (var i = 1; i < size; i++)
            {
                var record = world.Receive<ProbeRecord>(MPI.Communicator.anySource, RecordTag);
                received.Add(record.Rank);
            }
        }
        else
        {
            world.Send(new ProbeRecord(rank, Environment.ProcessId, $"rank-{rank}", string.Empty), 0, RecordTag);
        }

        // ImmediateProbe + ImmediateReceive: rank r sends to (r + 1) % size; each rank polls for its message.
        var probed = -1;
        if (size > 1)
        {
            var send = world.ImmediateSend(new ProbeRecord(rank, Environment.ProcessId, "ring", string.Empty), (rank + 1) % size, ImmediateTag);
            MPI.Status? status = null;
            while (status is null)
            {
                status = world.ImmediateProbe(MPI.Communicator.anySource, ImmediateTag);
            }

            var request = world.ImmediateReceive<ProbeRecord>(status.Source, ImmediateTag);
            request.Wait();
            var ring = (ProbeRecord)request.GetValue();
            probed = ring.Rank;
            Expect(ring.Rank == (rank + size - 1) % size, $"ring message from {ring.Rank}", failures);
            send.Wait();
        }

        // A record larger than the chunk size, through MPI.NET's chunking path.
        var largeOk = true;
        if (size > 1)
        {
            world.Serialization.BufferSize = 64 * 1024;
            if (rank == 1)
            {
                world.Send(new ProbeRecord(1, Environment.ProcessId, "large", new string('x', LargeBytes)), 0, LargeTag);
            }
            else if (rank == 0)
            {
                var large = world.Receive<ProbeRecord>(1, LargeTag);
                largeOk = large.Bulk.Length == LargeBytes && large.Bulk.All(c => c == 'x');
                Expect(largeOk, $"large record of {large.Bulk.Length} chars", failures);
            }
        }

        world.Barrier();
        if (rank == 0)
        {
            received.Sort();
            var summary = new
            {
                mode = "api",
                size,
                threading = runtime.ProvidedThreading.ToString(),
                allgather = gathered.Select(g => g.Rank).ToArray(),
                broadcast = greeting,
                received,
                probedFrom = probed,
                largeOk,
                failures,
            };
            output.WriteLine(JsonSerializer.Serialize(summary));
        }

        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"rank {rank}: {failure}");
        }

        runtime.Dispose();
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Expect(bool condition, string what, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(what);
        }
    }
}
