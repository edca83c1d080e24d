using OpenMosixBatch.Core.Security;

namespace OpenMosixBatch.Server.Identity;

/// <summary>A TCP request's proven identity, set by <see cref="Api.TokenAuthentication"/> in the request's features.</summary>
public sealed record TokenCaller(TokenRecord Record);
