using System.Runtime.InteropServices;

namespace OpenMosixBatch.Transport.Mpi.Runtime;

/// <summary>
/// The C library's environment, which native code (MPICH, UCX) reads with getenv. .NET's
/// Environment.SetEnvironmentVariable only changes a managed copy on Unix, so MPI never sees it.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> in the native environment unless it is already set there.</summary>
    public static void SetDefault(string name, string value)
    {
        if (setenv(name, value, overwrite: 0) != 0)
        {
            throw new InvalidOperationException(
                $"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}: set {name}={value} in the environment of mpiexec instead");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);
}
