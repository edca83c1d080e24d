using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Transport.Mpi.Runtime;

/// <summary>
/// Points MPI.NET's P/Invokes, compiled against MS-MPI (<c>msmpi.dll</c>), at an MPICH-ABI library.
/// </summary>
/// <remarks>
/// MPI.NET 1.4.0 uses MPICH-style integer handles, so any MPICH-ABI implementation (MPICH, Intel MPI,
/// MVAPICH, Cray MPICH) works; Open MPI does not (its handles are pointers). The library can be
/// overridden with the <see cref="OverrideVariable"/> environment variable, e.g. Intel MPI's libmpi.so.12.
/// </remarks>
public static class MpichLibraryResolver
{
    /// <summary>The library name MPI.NET imports, which the resolver maps; this assembly's own MPI imports use it too.</summary>
    public const string MsMpiLibrary = "msmpi.dll";

    /// <summary>Environment variable naming the MPI library to load instead of the defaults.</summary>
    public const string OverrideVariable = "OMB_MPI_LIBRARY";

    /// <summary>Libraries tried in order: MPICH's runtime name, then the MPICH-ABI name used by Intel MPI and MVAPICH.</summary>
    public static IReadOnlyList<string> DefaultLibraries { get; } = ["libmpich.so.12", "libmpi.so.12"];

    private static readonly Lock InstallLock = new();
    private static bool _installed;

    /// <summary>
    /// Installs the resolver on MPI.NET's assembly and on this one (its non-blocking collectives). Idempotent: the runtime allows one resolver per assembly.
    /// </summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            if (_installed)
            {
                return;
            }

            var overrideLibrary = Environment.GetEnvironmentVariable(OverrideVariable);
            foreach (var importer in new[] { typeof(MPI.Environment).Assembly, typeof(MpichLibraryResolver).Assembly })
            {
                NativeLibrary.SetDllImportResolver(importer, (name, assembly, searchPath) => Resolve(name, assembly, searchPath, overrideLibrary));
            }
            _installed = true;
        }
    }

    /// <summary>True for the names MPI.NET imports the MPI library under (msmpi, msmpi.dll, any case).</summary>
    public static bool IsMsMpiName(string libraryName)
    {
        ArgumentNullException.ThrowIfNull(libraryName);
        var fileName = Path.GetFileName(libraryName);
        return fileName.Equals("msmpi", StringComparison.OrdinalIgnoreCase)
            || fileName.Equals("msmpi.dll", StringComparison.OrdinalIgnoreCase)
            || fileName.Equals("libmsmpi.so", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The libraries to try for <paramref name="libraryName"/>: none for names that are not MS-MPI's
    /// (the runtime's default probing then applies), else the override alone when set, else the defaults.
    /// </summary>
    public static IReadOnlyList<string> CandidatesFor(string libraryName, string? overrideLibrary)
    {
        if (!IsMsMpiName(libraryName))
        {
            return [];
        }

        return string.IsNullOrWhiteSpace(overrideLibrary) ? DefaultLibraries : [overrideLibrary.Trim()];
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath, string? overrideLibrary)
    {
        var candidates = CandidatesFor(libraryName, overrideLibrary);
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        if (candidates.Count > 0)
        {
            throw new DllNotFoundException(
                $"no MPICH-ABI MPI library found (tried {string.Join(", ", candidates)}): install MPICH (apt-get install mpich) "
                + $"or set {OverrideVariable} to the path of an MPICH-ABI libmpi");
        }

        return IntPtr.Zero;
    }
}
