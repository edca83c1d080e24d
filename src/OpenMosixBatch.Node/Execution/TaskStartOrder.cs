using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Execution;

/// <summary>The server's order to start one task of a job on this node.</summary>
/// <param name="Job">The job (spec, owner, ids).</param>
/// <param name="TaskIndex">Array index, or 0.</param>
/// <param name="Nodes">Every node the task's chunks were placed on, one entry per chunk (for PBS_NODEFILE).</param>
public sealed record TaskStartOrder(Job Job, int TaskIndex, IReadOnlyList<string> Nodes);
