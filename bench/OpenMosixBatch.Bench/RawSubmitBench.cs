using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Bench;

/// <summary>
/// <c>omb-bench submit-raw JOBS CLIENTS DEPTH [LABEL]</c>: the same submissions as <c>submit</c>, each client one
/// connection to the Unix socket speaking HTTP/1.1 by hand (no HttpClient) with up to DEPTH requests pipelined on it
/// (DEPTH 1: strictly one request at a time). It shows what the server sustains when the client costs next to
/// nothing, and what pipelining on one connection gives.
/// </summary>
internal static class RawSubmitBench
{
    public static async Task<int> RunAsync(int total, int clients, int depth, string label)
    {
        var socketPath = OmbHome.SocketPath(OmbHome.Resolve());
        var cwd = Environment.CurrentDirectory;
        var script = "#!/bin/bash\n#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:01:00\necho benchmark job $PBS_JOBID\n" + new string('#', 120) + "\n";
        var next = 0;
        var acknowledged = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).ConfigureAwait(false);
            var reader = new ResponseReader(socket);
            var inFlight = 0;
            while (true)
            {
                var send = new List<byte[]>();
                while (inFlight + send.Count < depth && Interlocked.Increment(ref next) - 1 is var i && i < total)
                {
                    send.Add(Request(i, script, cwd));
                }

                if (send.Count > 0)
                {
                    await socket.SendAsync(send.SelectMany(b => b).ToArray(), SocketFlags.None).ConfigureAwait(false);
                    inFlight += send.Count;
                }

                if (inFlight == 0)
                {
                    return;
                }

                await reader.ReadOkAsync().ConfigureAwait(false);
                inFlight--;
                Interlocked.Increment(ref acknowledged);
            }
        })).ConfigureAwait(false);
        clock.Stop();
        if (acknowledged != total)
        {
            throw new InvalidOperationException($"{acknowledged} of {total} submissions acknowledged");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {total / clock.Elapsed.TotalSeconds:F0}"));
        return 0;
    }

    private static byte[] Request(int i, string script, string cwd)
    {
        var spec = BenchJob.Spec(i, script, cwd);
        var body = JsonSerializer.SerializeToUtf8Bytes(new SubmitRequest(spec), OmbJsonContext.Default.SubmitRequest);
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        return [.. head, .. body];
    }

    /// <summary>
    /// Where the response starting <paramref name="text"/> ends, or 0 while it is incomplete: after its Content-Length
    /// body, or after the last chunk of a chunked one (the server's JSON bodies hold no line breaks).
    /// </summary>
    private static int End(string text, int headEnd)
    {
        var head = text[..headEnd];
        var lengthAt = head.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
        if (lengthAt >= 0)
        {
            var digits = head[(lengthAt + 16)..];
            var length = int.Parse(digits.Split('\r')[0], CultureInfo.InvariantCulture);
            return headEnd + 4 + length <= text.Length ? headEnd + 4 + length : 0;
        }

        var last = text.IndexOf("\r\n0\r\n\r\n", headEnd + 2, StringComparison.Ordinal);
        return last < 0 ? 0 : last + 7;
    }

    /// <summary>Reads HTTP/1.1 responses off one connection, one at a time.</summary>
    private sealed class ResponseReader(Socket socket)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;

        public async Task ReadOkAsync()
        {
            while (true)
            {
                var text = Encoding.ASCII.GetString(_buffer, _start, _end - _start);
                var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headEnd >= 0 && End(text, headEnd) is var end && end > 0)
                {
                    if (!text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("submission refused: " + text[..end]);
                    }

                    _start += end;
                    return;
                }

                if (_start > 0)
                {
                    Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidOperationException("the server closed the connection");
                }

                _end += read;
            }
        }
    }
}
