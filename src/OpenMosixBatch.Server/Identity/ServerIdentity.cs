using System.Globalization;

namespace OpenMosixBatch.Server.Identity;

/// <summary>The uid the server runs as: a world started by the same user may attach, as may administrators.</summary>
public static class ServerIdentity
{
    /// <summary>The effective uid, from /proc/self/status ("Uid: real effective saved fs").</summary>
    public static uint EffectiveUid { get; } = File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith("Uid:", StringComparison.Ordinal))
        .Select(l => uint.Parse(l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture))
        .First();
}
