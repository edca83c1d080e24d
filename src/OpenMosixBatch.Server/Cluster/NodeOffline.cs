namespace OpenMosixBatch.Server.Cluster;

/// <summary>Why a node is offline (the comment pbsnodes shows) and who took it offline.</summary>
/// <param name="Held">
/// For <see cref="OfflineSource.Unreachable"/>: an administrator had taken it offline (pbsnodes -o) before or after it
/// was cut off, so it does not rejoin by itself when it is back; pbsnodes -c lets it.
/// </param>
public sealed record NodeOffline(string Comment, OfflineSource Source, bool Held = false);
