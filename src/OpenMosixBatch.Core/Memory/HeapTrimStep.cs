namespace OpenMosixBatch.Core.Memory;

/// <summary>One observation's outcome: the state to keep, and whether to trim the heap now.</summary>
public readonly record struct HeapTrimStep(HeapTrimState Next, bool Trim);
