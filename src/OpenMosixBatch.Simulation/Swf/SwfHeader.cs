namespace OpenMosixBatch.Simulation.Swf;

/// <summary>The header comments of a trace the simulator uses: the machine's size, when given.</summary>
/// <param name="MaxNodes"><c>; MaxNodes: N</c>, or null.</param>
/// <param name="MaxProcs"><c>; MaxProcs: N</c>, or null (then a node has one processor).</param>
public sealed record SwfHeader(int? MaxNodes, int? MaxProcs);
