namespace OpenMosixBatch.Core.Migration;

/// <summary>A task the plan leaves where it is, and why (for the log and <c>qstat -f</c>).</summary>
public sealed record TaskStay(long JobId, int TaskIndex, string Node, string Reason);
