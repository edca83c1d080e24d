using System.Globalization;
using System.IO.Compression;

namespace OpenMosixBatch.Simulation.Swf;

/// <summary>
/// Reads a trace in the Standard Workload Format of the Parallel Workloads Archive: <c>;</c> header comments, then one
/// job a line of 18 whitespace-separated numbers. A file that starts with gzip's magic bytes is read through gzip,
/// whatever its name. A line that is not 18 numbers stops the read with a message naming the file, line and field.
/// </summary>
public static class SwfReader
{
    public const int FieldCount = 18;

    private static readonly string[] FieldNames =
    [
        "job number", "submit time", "wait time", "run time", "allocated processors", "average CPU time", "used memory",
        "requested processors", "requested time", "requested memory", "status", "user id", "group id", "executable",
        "queue", "partition", "preceding job", "think time",
    ];

    /// <summary>Reads <paramref name="path"/>, plain or gzipped.</summary>
    public static SwfTrace Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        var magic = new byte[2];
        var gzipped = file.Read(magic, 0, 2) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return Parse(reader, path);
    }

    /// <summary>Reads a trace from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    public static SwfTrace Parse(TextReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int? maxNodes = null, maxProcs = null;
        var records = new List<SwfRecord>();
        var number = 0;
        var fields = new long[FieldCount];
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (text[0] == ';')
            {
                maxNodes ??= HeaderValue(text, "MaxNodes:", path, number);
                maxProcs ??= HeaderValue(text, "MaxProcs:", path, number);
                continue;
            }

            ParseFields(text, fields, path, number);
            records.Add(new SwfRecord(number, fields[0], fields[1], fields[2], fields[3], fields[4], fields[7], fields[8], fields[9], fields[10]));
        }

        return new SwfTrace(path, new SwfHeader(maxNodes, maxProcs), records);
    }

    private static void ParseFields(ReadOnlySpan<char> text, long[] fields, string path, int line)
    {
        var i = 0;
        foreach (var range in text.SplitAny(" \t"))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }

            if (i == FieldCount)
            {
                throw new TraceFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}:{line}: more than {FieldCount} fields: an SWF job line has exactly {FieldCount} numbers"));
            }

            fields[i] = Number(word, path, line, i);
            i++;
        }

        if (i < FieldCount)
        {
            throw new TraceFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{path}:{line}: field {i + 1} ({FieldNames[i]}) is missing: an SWF job line has exactly {FieldCount} numbers (-1 when unknown)"));
        }
    }

    /// <summary>An integer; the fields the simulator does not use may also be decimals (average CPU time often is).</summary>
    private static long Number(ReadOnlySpan<char> word, string path, int line, int field)
    {
        if (long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var used = field is 0 or 1 or 3 or 4 or 7 or 8 or 9 or 10;
        if (!used && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return (long)d;
        }

        throw new TraceFormatException(string.Create(CultureInfo.InvariantCulture,
            $"{path}:{line}: field {field + 1} ({FieldNames[field]}) is '{word}': write a whole number (-1 when unknown)"));
    }

    private static int? HeaderValue(ReadOnlySpan<char> text, string key, string path, int line)
    {
        var at = text.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var value = text[(at + key.Length)..].Trim();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        throw new TraceFormatException(string.Create(CultureInfo.InvariantCulture,
            $"{path}:{line}: header {key[..^1]} is '{value}': write a positive whole number, or remove the line to give the machine with --nodes"));
    }
}
