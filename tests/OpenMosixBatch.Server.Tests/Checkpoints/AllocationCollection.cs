namespace OpenMosixBatch.Server.Tests.Checkpoints;

/// <summary>
/// Tests that bound the bytes the process allocates while they run: they run alone, after the parallel ones, since
/// GC.GetTotalAllocatedBytes counts every thread (a parallel test's 230 MB once failed the 256 MB stream's bound).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation";
}
