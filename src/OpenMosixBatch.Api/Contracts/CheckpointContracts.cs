using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// One committed checkpoint of a task: its generation (1, 2, … per task), its packed size and the SHA-256 (lower-case
/// hex) of the packed bytes. A checkpoint whose bytes do not hash to <see cref="Sha256"/> is never restored.
/// </summary>
public sealed record CheckpointRef(int Generation, long Bytes, string Sha256);

/// <summary>
/// PUT /v1/world/checkpoints/{jobId}/{taskIndex}: the body is the packed checkpoint (a tar of
/// <c>$OMB_CHECKPOINT_DIR</c>), with its SHA-256 in the <c>X-Omb-Sha256</c> header. The server stores it durably,
/// checks the hash, keeps a few generations, and answers with the committed <see cref="CheckpointRef"/>.
/// GET /v1/world/checkpoints/{jobId}/{taskIndex}/{generation} returns those bytes, with the hash in the same header.
/// </summary>
public static class CheckpointHttp
{
    /// <summary>Header that carries the SHA-256 of the body, lower-case hex.</summary>
    public const string Sha256Header = "X-Omb-Sha256";

    /// <summary>Header that carries the generation on a GET answer.</summary>
    public const string GenerationHeader = "X-Omb-Generation";

    public static string PutPath(long jobId, int taskIndex) => $"v1/world/checkpoints/{jobId}/{taskIndex}";

    public static string GetPath(long jobId, int taskIndex, int generation) => $"v1/world/checkpoints/{jobId}/{taskIndex}/{generation}";
}
