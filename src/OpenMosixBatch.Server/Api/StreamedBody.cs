namespace OpenMosixBatch.Server.Api;

/// <summary>Endpoint metadata: the body is streamed to disk, never held, so Omb:Limits:MaxRequestBodySize does not apply (checkpoint uploads).</summary>
internal sealed class StreamedBody
{
    public static StreamedBody Instance { get; } = new();
}
