namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// One GPU a task holds: the node it is on and its index there (what <c>CUDA_VISIBLE_DEVICES</c> names). Assigned at
/// dispatch and stored with the task, so a restarted server and a rank that adopts the task see the same devices.
/// </summary>
public readonly record struct GpuDevice(string Node, int Index);
