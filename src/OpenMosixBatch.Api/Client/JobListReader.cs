using System.Text.Json;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>
/// Reads a <see cref="JobListResponse"/> body one row at a time, so a listing of 100,000 jobs is printed as it is
/// read instead of held whole: qstat's client spent most of its time and 130 MB building and collecting the list.
/// </summary>
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
                row(JsonSerializer.Deserialize(ref reader, OmbJsonContext.Default.JobSummary)
                    ?? throw new JsonException("a job listing has a null row"));
                count++;
            }
        }

        return count;
    }

    private static void Expect(bool ok, string what)
    {
        if (!ok)
        {
            throw new JsonException($"a job listing must be a JSON object with its rows; found something else where {what} belongs");
        }
    }
}
