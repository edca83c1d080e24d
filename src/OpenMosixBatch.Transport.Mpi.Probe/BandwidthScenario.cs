using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Transport.Mpi.Blobs;
using OpenMosixBatch.Transport.Mpi.Pump;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>
/// Bandwidth between rank 0 and rank 1, printed by rank 0 one figure a line (MB = 2^20 bytes):
/// <c>raw_p2p_mb_per_s</c> is plain blocking MPI_Send/MPI_Recv of 64 MB byte arrays on the pump's thread before the
/// pump starts (so nothing else competes); <c>blob_{N}mb_mb_per_s</c> is a <see cref="BlobTransfer"/> of an N MB file
/// through the running pump, timed from the first frame to the receiver's verdict, which includes the receiver
/// writing every byte into its file, as a migration's target does. The receiver does not hash (a checkpoint's hash is
/// checked when it is unpacked, which the end-to-end migration time includes). Rank 0 also prints
/// <c>sent KEY LENGTH SHA COMPLETE</c> and rank 1, after the verdict, <c>received KEY LENGTH SHA COMPLETE</c> with the
/// SHA-256 of the file it wrote, so a test can compare the hashes. An untimed transfer of one window (32 MB) goes first,
/// so the figures include neither the JIT compiling the path nor the first touch of the sender's reused frames and
/// the receiver's pooled buffers (as the raw figure's warm-up round excludes its buffer's); a running node agent
/// reuses both from one transfer to the next. Before each transfer rank 0 tells rank 1 that a blob is coming and waits
/// for its answer, untimed, as a move's source tells its target (MoveExpected) when the order comes, long before the
/// checkpoint is packed: the target's pump then polls hot (StayHot) instead of finding the Begin at its next idle poll,
/// up to 16 ms later (the C program's receiver is likewise already waiting in MPI_Recv when its clock starts).
/// Options: <c>--sizes 1,64,256</c>, <c>--no-raw</c>; <c>--chunk-kib</c>, <c>--window</c> and <c>--large-window</c>
/// set the <see cref="BlobTransferOptions"/> (defaults: the node's); <c>--usage</c> adds a line per blob and rank with
/// the CPU each thread used, the minor page faults, collections and bytes allocated during it (<see cref="ProcessUsage"/>).
/// </summary>
public static class BandwidthScenario
{
    private const int BlobTag = 20;
    private const int RawTag = 21;
    private const int ExpectTag = 22;
    private static readonly TimeSpan ExpectHotPeriod = TimeSpan.FromSeconds(2);
    private const int RawMessageBytes = 64 * 1024 * 1024;
    private const int RawMessages = 4;
    private const int MiB = 1024 * 1024;
    private const int IncomingBlobWriteBytes = 32 * 1024;
    private const int WarmUpMb = BlobTransferOptions.DefaultWindowChunks * BlobTransferOptions.DefaultChunkBytes / MiB;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var sizes = ProbeSwitches.Text(args, "--sizes", "1,64,256").Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        var skipRaw = args.Contains("--no-raw");
        var usage = args.Contains("--usage");
        var transfer = new BlobTransferOptions
        {
            ChunkBytes = int.Parse(ProbeSwitches.Text(args, "--chunk-kib", "1024"), NumberStyles.None, CultureInfo.InvariantCulture) * 1024,
            WindowChunks = int.Parse(ProbeSwitches.Text(args, "--window", $"{BlobTransferOptions.DefaultWindowChunks}"), NumberStyles.None, CultureInfo.InvariantCulture),
            LargeWindowChunks = int.Parse(ProbeSwitches.Text(args, "--large-window", $"{BlobTransferOptions.DefaultLargeWindowChunks}"), NumberStyles.None, CultureInfo.InvariantCulture),
        };
        var start = usage ? ProcessUsage.Now() : null;
        var work = Directory.CreateTempSubdirectory("omb-bandwidth-");
        var raw = 0.0;
        var options = new MpiPumpOptions
        {
            TickInterval = TimeSpan.FromSeconds(1),
            BeforeFirstPass = skipRaw ? null : c => raw = MeasureRaw(c),
        };

        try
        {
            await using var pump = await MpiPump<int>.StartAsync(args, 0, options, JsonMpiSerializer.Default, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
            if (pump.Size < 2)
            {
                await Console.Error.WriteLineAsync("bandwidth needs 2 ranks: run it under mpiexec.hydra -n 2");
                return 2;
            }

            if (pump.Rank == 1)
            {
                // The largest window's receive buffers, touched before rank 1 answers the first announcement (as the C program
                // touches its buffers before its clock starts): the figures are a running node's, whose pump keeps them
                // from its first transfers on.
                pump.Payloads.Reserve(BlobFrame.HeaderLength + transfer.ChunkBytes, transfer.MaxWindowChunks + 1);
            }

            var blobs = new BlobTransfer(pump.SendBytes, BlobTag, o => Path.Combine(work.FullName, $"in-{o.Source}-{o.TransferId}"), transfer, pump.StayHot);
            using var ready = new SemaphoreSlim(0);
            var inbox = Task.Run(async () =>
            {
                await foreach (var message in pump.Inbox.ReadAllAsync())
                {
                    if (message.Tag != ExpectTag)
                    {
                        blobs.Handle(message);
                    }
                    else if (pump.Rank == 1)
                    {
                        // As a move's target on MoveExpected: poll hot until the copy comes, and say so.
                        start = usage ? ProcessUsage.Now() : null;
                        pump.StayHot(ExpectHotPeriod);
                        pump.SendBytes(0, ExpectTag, [1]);
                    }
                    else
                    {
                        ready.Release();
                    }
                }
            });

            if (pump.Rank == 1)
            {
                await foreach (var blob in blobs.Received.ReadAllAsync())
                {
                    if (blob.Key == "blob-0mb")
                    {
                        File.Delete(blob.Path);
                        continue;
                    }

                    // Hashed here, after the verdict went out, to show what arrived; the transfer itself does not hash.
                    var spent = start is null ? string.Empty : ProcessUsage.Now().Since(start);
                    var written = blob.Complete ? FileHash(blob.Path) : string.Empty;
                    File.Delete(blob.Path);
                    await output.WriteLineAsync($"received {blob.Key} {blob.Length} {written} {blob.Complete}");
                    if (usage)
                    {
                        await output.WriteLineAsync($"usage receiver {blob.Key} {spent}");
                    }

                    await output.FlushAsync();
                    if (blob.Key == $"blob-{sizes[^1]}mb")
                    {
                        break;
                    }
                }
            }
            else if (pump.Rank == 0)
            {
                if (!skipRaw)
                {
                    await output.WriteLineAsync(Figure("raw_p2p_mb_per_s", raw));
                }

                // One untimed transfer first (see the summary).
                foreach (var mb in sizes.Prepend(0))
                {
                    var (path, sha) = await WriteRandomFileAsync(work.FullName, mb == 0 ? WarmUpMb : mb);
                    await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                    pump.SendBytes(1, ExpectTag, [1]);
                    await ready.WaitAsync();
                    start = usage ? ProcessUsage.Now() : null;
                    var clock = Stopwatch.StartNew();
                    var complete = await blobs.SendAsync(1, file, file.Length, $"blob-{mb}mb", sha);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var spent = start is null ? string.Empty : ProcessUsage.Now().Since(start);
                    if (mb > 0)
                    {
                        await output.WriteLineAsync($"sent blob-{mb}mb {file.Length} {sha} {complete}");
                        await output.WriteLineAsync(Figure($"blob_{mb}mb_mb_per_s", mb / seconds));
                        if (usage)
                        {
                            await output.WriteLineAsync($"usage sender blob-{mb}mb {spent} wall={seconds * 1000:F0}ms");
                        }

                        await output.FlushAsync();
                    }
                    File.Delete(path);
                }

                pump.RequestStop();
            }

            await pump.Completion;
            await inbox;
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Rank 0 sends <see cref="RawMessages"/> messages of 64 MB to rank 1 after one warm-up, then waits for rank 1's reply.</summary>
    private static double MeasureRaw(MPI.Intracommunicator world)
    {
        if (world.Size < 2 || world.Rank > 1)
        {
            return 0;
        }

        var buffer = new byte[RawMessageBytes];
        Random.Shared.NextBytes(buffer);
        var done = new byte[1];
        var clock = new Stopwatch();
        for (var round = 0; round <= RawMessages; round++)
        {
            if (round == 1)
            {
                clock.Start();
            }

            if (world.Rank == 0)
            {
                world.Send(buffer, 1, RawTag);
            }
            else
            {
                world.Receive(0, RawTag, ref buffer);
            }
        }

        if (world.Rank == 1)
        {
            world.Send(done, 0, RawTag);
            return 0;
        }

        world.Receive(1, RawTag, ref done);
        return RawMessages * (RawMessageBytes / (double)MiB) / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(string Path, string Sha)> WriteRandomFileAsync(string directory, int mb)
    {
        var path = Path.Combine(directory, $"out-{mb}");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            // Written as the receiver writes (IncomingBlob.WriteBytes at a time): larger writes fault fresh high-order
            // pages in from the host on this machine kind, which made preparing a 256 MB file take seconds.
            var chunk = new byte[MiB];
            for (var i = 0; i < mb; i++)
            {
                Random.Shared.NextBytes(chunk);
                hash.AppendData(chunk);
                for (var done = 0; done < MiB; done += IncomingBlobWriteBytes)
                {
                    await file.WriteAsync(chunk.AsMemory(done, IncomingBlobWriteBytes));
                }
            }
        }

        return (path, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string FileHash(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private static string Figure(string name, double value) => string.Create(CultureInfo.InvariantCulture, $"{name} {value:F1}");
}
