namespace OpenMosixBatch.Core.Scheduling;

/// <summary>One word of a split line, and whether any part of it was quoted or escaped (so <c>'--'</c> is not a separator).</summary>
public readonly record struct ShellWord(string Text, bool Quoted);
