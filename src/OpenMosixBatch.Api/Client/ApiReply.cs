namespace OpenMosixBatch.Api.Client;

/// <summary>One complete answer of the server: status, reason phrase and the whole body (JSON, or empty).</summary>
public sealed record ApiReply(int StatusCode, string ReasonPhrase, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and <= 299;
}
