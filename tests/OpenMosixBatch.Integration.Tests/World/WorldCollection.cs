namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>World tests run one class at a time: each world's ranks and tasks need the machine's two cores.</summary>
[CollectionDefinition("World", DisableParallelization = true)]
public sealed class WorldCollection;
