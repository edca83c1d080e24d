using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>
/// Reads a <see cref="JobListResponse"/> body one row at a time, so a listing of 100,000 jobs is printed as it is
/// read instead of held whole: qstat's client spent most of its time and 130 MB building and collecting the list.
/// </summary>
/// <remarks>
/// A row is read field by field rather than through the generated serializer, whose converter for a record with a
/// constructor caches every argument and was the largest part of qstat's time. The reader's tests compare a round
/// trip of a row with every field set, so a field added to <see cref="JobSummary"/> and not read here fails them.
/// </remarks>
public static class JobListReader
{
    private static readonly string RowsProperty = OmbJsonContext.Default.JobListResponse.Properties
        .Single(p => p.PropertyType == typeof(IReadOnlyList<JobSummary>)).Name;

    /// <summary>Calls <paramref name="row"/> for each job of <paramref name="body"/> in order; returns how many there were.</summary>
    /// <exception cref="JsonException">The body is not a job listing.</exception>
    public static int ForEach(ReadOnlySpan<byte> body, Action<JobSummary> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reader = new Utf8JsonReader(body);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "an object");
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var rows = reader.ValueTextEquals(RowsProperty);
            Expect(reader.Read(), "a value");
            if (!rows || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                row(ReadRow(ref reader));
                count++;
            }
        }

        return count;
    }

    private static JobSummary ReadRow(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject, "a row");
        string? id = null, name = null, user = null, queue = null;
        var cpuTime = TimeSpan.Zero;
        var state = '?';
        var taskCount = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = Next(ref reader).GetString();
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = Next(ref reader).GetString();
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                user = Next(ref reader).GetString();
            }
            else if (reader.ValueTextEquals("cpuTime"u8))
            {
                cpuTime = ReadTimeSpan(ref Next(ref reader));
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                state = Next(ref reader).GetString() is [var letter] ? letter : throw new JsonException("a job listing row's state is not one letter");
            }
            else if (reader.ValueTextEquals("queue"u8))
            {
                queue = Next(ref reader).GetString();
            }
            else if (reader.ValueTextEquals("taskCount"u8))
            {
                taskCount = Next(ref reader).GetInt32();
            }
            else
            {
                Next(ref reader).Skip();
            }
        }

        Expect(reader.TokenType == JsonTokenType.EndObject && id is not null, "a row's end, after its id");
        return new JobSummary(id!, name ?? string.Empty, user ?? string.Empty, cpuTime, state, queue ?? string.Empty, taskCount);
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        Expect(reader.Read(), "a value");
        return ref reader;
    }

    // System.Text.Json writes a TimeSpan in the constant ("c") format.
    private static TimeSpan ReadTimeSpan(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && Utf8Parser.TryParse(reader.ValueSpan, out TimeSpan value, out var used, 'c') && used == reader.ValueSpan.Length
            ? value
            : TimeSpan.ParseExact(reader.GetString() ?? string.Empty, "c", CultureInfo.InvariantCulture);

    private static void Expect(bool ok, string what)
    {
        if (!ok)
        {
            throw new JsonException($"a job listing must be a JSON object with its rows; found something else where {what} belongs");
        }
    }
}
