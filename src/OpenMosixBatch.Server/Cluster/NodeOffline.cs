namespace OpenMosixBatch.Server.Cluster;

/// <summary>Why a node is offline (the comment pbsnodes shows) and who took it offline.</summary>
public sealed record NodeOffline(string Comment, OfflineSource Source);
