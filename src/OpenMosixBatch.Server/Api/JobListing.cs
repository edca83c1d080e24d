using System.Buffers;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// qstat's body (a <see cref="JobListResponse"/>, the same bytes its serializer writes) written one row at a time into
/// one buffer sized for the listing: a listing of 100,000 jobs never holds its rows as a list, nor the growing buffers a
/// serializer rents, and the buffer is the body the response sends and the listing cache keeps.
/// </summary>
public static class JobListing
{
    /// <summary>A row's usual length (id with host, name, user, CPU time, state, queue, task count), to size the buffer.</summary>
    private const int RowBytes = 128;

    private static readonly JsonEncodedText JobsName = JsonEncodedText.Encode("jobs");

    /// <param name="expectedRows">About how many rows the listing has (the buffer grows when it has more).</param>
    public static ReadOnlyMemory<byte> Body(IEnumerable<Job> jobs, bool includeFinished, bool expandTasks, int expectedRows)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1, expectedRows + 1) * RowBytes);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = OmbJsonContext.Default.Options.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(JobsName);
            writer.WriteStartArray();
            foreach (var row in JobViews.EachRow(jobs, includeFinished, expandTasks))
            {
                JsonSerializer.Serialize(writer, row, OmbJsonContext.Default.JobSummary);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
