namespace OpenMosixBatch.Core.Admission;

/// <summary>Start this task, with one node per chunk of its resource request.</summary>
public sealed record TaskPlacement(long JobId, int TaskIndex, IReadOnlyList<string> Nodes);

/// <summary>
/// One admission pass: the tasks to start now, and for every eligible job that does not start, the reason
/// (what qstat -f shows).
/// </summary>
public sealed record AdmissionPlan(IReadOnlyList<TaskPlacement> Starts, IReadOnlyDictionary<long, string> Reasons);
