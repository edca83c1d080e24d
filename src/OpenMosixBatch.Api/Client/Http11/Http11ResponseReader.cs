using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Api.Client.Http11;

/// <summary>
/// Reads one HTTP/1.1 response from a stream, whatever sizes the reads come back in: status line, headers, and the
/// body by Transfer-Encoding: chunked, by Content-Length, or up to the end of the stream when it names neither.
/// An answer cut short (the server closed or died mid-answer) or malformed throws <see cref="HttpRequestException"/>:
/// the caller must treat the request as not acknowledged. On a kept-open connection one reader reads each answer in
/// turn (<see cref="Next"/>), keeping whatever came after the last one.
/// </summary>
public sealed class Http11ResponseReader
{
    /// <summary>Status line and headers together; the server's are a few hundred bytes.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private readonly Stream _stream;
    // Not zeroed: only what a read fills is ever looked at, and a short answer then touches one page of it, not four.
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(16 * 1024);
    private int _start;
    private int _end;
    private int _headerBytes;

    /// <summary>A reader of the answers that come on <paramref name="stream"/>, one after another.</summary>
    public Http11ResponseReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>
    /// True when the last answer ends its connection: it said Connection: close, or its body ran to the end of the stream.
    /// </summary>
    public bool ConnectionEnds { get; private set; }

    /// <summary>The one answer on <paramref name="stream"/>.</summary>
    public static ApiReply Read(Stream stream) => new Http11ResponseReader(stream).Next();

    /// <summary>
    /// The next answer. One with neither Content-Length nor chunks ends with the stream, so nothing can follow it.
    /// </summary>
    public ApiReply Next()
    {
        while (true)
        {
            _headerBytes = 0;
            ConnectionEnds = false;
            var (status, reason) = ParseStatusLine(ReadHeaderLine() ?? throw Ended("before the status line"));
            long? contentLength = null;
            var chunked = false;
            string? line;
            while ((line = ReadHeaderLine() ?? throw Ended("inside the headers")).Length > 0)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw Malformed($"header line '{line}'");
                }

                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    contentLength = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Malformed($"Content-Length '{value}'");
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = value.EndsWith("chunked", StringComparison.OrdinalIgnoreCase);
                }
                else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    ConnectionEnds |= value.Contains("close", StringComparison.OrdinalIgnoreCase);
                }
            }

            // 1xx answers (100 Continue) come before the real one and carry no body.
            if (status is >= 100 and < 200)
            {
                continue;
            }

            var body = status is 204 or 304 ? []
                : chunked ? ReadChunked()
                : contentLength is { } length ? ReadExactly(length)
                : ReadToEnd();
            return new ApiReply(status, reason, body);
        }
    }

    private static (int Status, string Reason) ParseStatusLine(string line)
    {
        // HTTP/1.1 200 OK: the reason phrase may be empty, and may hold spaces.
        if (!line.StartsWith("HTTP/1.", StringComparison.Ordinal) || line.Length < 12 || line[8] != ' '
            || !int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || line.Length > 12 && line[12] != ' ')
        {
            throw Malformed($"status line '{line}'");
        }

        return (status, line.Length > 13 ? line[13..] : string.Empty);
    }

    private byte[] ReadChunked()
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = ReadLine() ?? throw Ended("inside a chunk's size");
            var extension = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var hex = (extension >= 0 ? sizeLine[..extension] : sizeLine).Trim();
            if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw Malformed($"chunk size '{sizeLine}'");
            }

            if (size == 0)
            {
                // Trailer fields, if any, up to the empty line.
                while ((ReadLine() ?? throw Ended("inside the trailers")).Length > 0)
                {
                }

                return body.ToArray();
            }

            CopyExactly(size, body);
            if ((ReadLine() ?? throw Ended("after a chunk")).Length > 0)
            {
                throw Malformed("chunk not followed by CRLF");
            }
        }
    }

    private byte[] ReadExactly(long length)
    {
        if (length > Array.MaxLength)
        {
            throw Malformed($"Content-Length {length}");
        }

        var body = new byte[length];
        using var target = new MemoryStream(body);
        CopyExactly(length, target);
        return body;
    }

    private void CopyExactly(long count, Stream target)
    {
        while (count > 0)
        {
            if (_start == _end && !Fill())
            {
                throw Ended($"with {count} bytes of the body still to come");
            }

            var n = (int)Math.Min(count, _end - _start);
            target.Write(_buffer, _start, n);
            _start += n;
            count -= n;
        }
    }

    private byte[] ReadToEnd()
    {
        ConnectionEnds = true;
        using var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (Fill());

        return body.ToArray();
    }

    private string? ReadHeaderLine()
    {
        var line = ReadLine();
        _headerBytes += (line?.Length ?? 0) + 2;
        return _headerBytes > MaxHeaderBytes ? throw Malformed($"headers longer than {MaxHeaderBytes} bytes") : line;
    }

    /// <summary>A line up to LF (a CR before it dropped), or null at the end of the stream before any byte of it.</summary>
    private string? ReadLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return line.Length == 0 ? null : throw Ended("inside a line");
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var lf = span.IndexOf((byte)'\n');
            var take = lf >= 0 ? span[..lf] : span;
            line.Append(Encoding.Latin1.GetString(take));
            _start += take.Length + (lf >= 0 ? 1 : 0);
            if (line.Length > MaxHeaderBytes)
            {
                throw Malformed($"a line longer than {MaxHeaderBytes} bytes");
            }

            if (lf >= 0)
            {
                return line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
            }
        }
    }

    /// <summary>Reads more into the empty buffer; false at the end of the stream.</summary>
    private bool Fill()
    {
        _start = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }

    private static HttpRequestException Ended(string where) =>
        new($"the server closed the connection {where}: its answer is incomplete");

    private static HttpRequestException Malformed(string what) =>
        new($"the server sent a malformed HTTP answer ({what})");
}
