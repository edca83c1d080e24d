namespace OpenMosixBatch.Simulation.Swf;

/// <summary>A whole trace as read: its header and its job lines in file order.</summary>
public sealed record SwfTrace(string Path, SwfHeader Header, IReadOnlyList<SwfRecord> Records);
