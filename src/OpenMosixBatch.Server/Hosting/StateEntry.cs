namespace OpenMosixBatch.Server.Hosting;

/// <summary>One file or directory of OMB_HOME's state, as the start-up check found it.</summary>
/// <param name="Path">The entry.</param>
/// <param name="Top">The state file or directory of OMB_HOME it belongs to (itself at the top), which the fix names.</param>
/// <param name="Mode">Its permission bits.</param>
/// <param name="Owner">Its owner's uid.</param>
/// <param name="ServerOwned">
/// Whether it must be the server's user's: false in the spool, which the ranks write, as root when they run as root.
/// </param>
public readonly record struct StateEntry(string Path, string Top, UnixFileMode Mode, uint Owner, bool ServerOwned);
