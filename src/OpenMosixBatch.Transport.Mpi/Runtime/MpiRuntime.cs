using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Runtime;

/// <summary>
/// The MPI library of this process: initialised once, on the thread that will make every MPI call,
/// and finalised by <see cref="Dispose"/> on that same thread.
/// </summary>
/// <remarks>
/// Order matters: the DllImport resolver must be installed before MPI.NET's first P/Invoke (inside
/// <c>new MPI.Environment</c>), and the serializer must be set before the first object-typed call,
/// because MPI.NET's default serializer is BinaryFormatter, which throws on .NET 10.
/// A process started without mpiexec initialises as a singleton world of size 1.
/// </remarks>
public sealed class MpiRuntime : IDisposable
{
    /// <summary>UCX setting naming the signals UCX traps; left empty so .NET keeps its own handlers.</summary>
    public const string UcxErrorSignalsVariable = "UCX_ERROR_SIGNALS";

    private readonly MPI.Environment _environment;
    private bool _disposed;

    private MpiRuntime(MPI.Environment environment, JsonMpiSerializer serializer)
    {
        _environment = environment;
        Serializer = serializer;
        World = MPI.Communicator.world;
        Attach(World);
        Attach(MPI.Communicator.self);
        Rank = World.Rank;
        Size = World.Size;
        ProvidedThreading = MPI.Environment.Threading;
    }

    /// <summary>The world communicator, its serializer already set.</summary>
    public MPI.Intracommunicator World { get; }

    /// <summary>This process's rank in the world.</summary>
    public int Rank { get; }

    /// <summary>Number of ranks in the world.</summary>
    public int Size { get; }

    /// <summary>The thread level MPI granted (MPICH grants what is asked).</summary>
    public MPI.Threading ProvidedThreading { get; }

    /// <summary>The serializer set on every communicator of this runtime.</summary>
    public JsonMpiSerializer Serializer { get; }

    /// <summary>
    /// Installs the MPICH resolver and initialises MPI on the calling thread, which becomes the only
    /// thread allowed to make MPI calls (<see cref="MPI.Threading.Funneled"/>).
    /// </summary>
    public static MpiRuntime Initialize(string[] args, JsonMpiSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(serializer);

        // Even MPI.Environment.Initialized is a P/Invoke, so the resolver goes in first.
        MpichLibraryResolver.Install();

        // MPICH's UCX network layer installs a SIGSEGV handler by default, which displaces the .NET
        // runtime's: a NullReferenceException then kills the process with a UCX backtrace. An empty
        // list keeps UCX's hands off signals (an explicit setting in the environment wins).
        NativeEnvironment.SetDefault(UcxErrorSignalsVariable, string.Empty);
        if (MPI.Environment.Initialized)
        {
            throw new InvalidOperationException(
                "MPI is already initialised in this process: create one MpiRuntime per process and share it");
        }

        var environment = new MPI.Environment(ref args, MPI.Threading.Funneled);
        return new MpiRuntime(environment, serializer);
    }

    /// <summary>
    /// Sets this runtime's serializer on a communicator; call it for every communicator created later
    /// (Split, Clone, Create), since MPI.NET gives each new communicator the BinaryFormatter default.
    /// </summary>
    public void Attach(MPI.Communicator communicator)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        communicator.Serialization.Serializer = Serializer;
    }

    /// <summary>Finalises MPI (MPI_Finalize). Call it on the thread that initialised MPI.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _environment.Dispose();
    }
}
