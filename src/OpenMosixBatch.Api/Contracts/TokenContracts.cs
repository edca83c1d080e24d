namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/token (<c>omb token</c>), over the Unix socket only: issue a new token for the calling user, replacing
/// (and so invalidating) the one before, or with <see cref="Revoke"/> withdraw it.
/// </summary>
public sealed record TokenRequest(bool Revoke);

/// <summary>The new token (shown this once; the server keeps only its SHA-256), whose it is, and when it expires.</summary>
public sealed record TokenResponse(string User, string? Token, DateTimeOffset? Expires);
