using System.Buffers.Binary;
using System.Net.Sockets;

namespace OpenMosixBatch.Server.Identity;

/// <summary>SO_PEERCRED: the uid and gid of the process at the other end of a Unix socket, vouched for by the kernel.</summary>
public static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>(pid, uid, gid) of the peer, or null when the socket is not a Unix socket.</summary>
    public static (int Pid, uint Uid, uint Gid)? Read(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.AddressFamily != AddressFamily.Unix)
        {
            return null;
        }

        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < 12)
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32LittleEndian(ucred), BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]), BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]));
    }
}
