namespace OpenMosixBatch.Core.Health;

/// <summary>One task end the <see cref="BlackHoleDetector"/> counts: where, when, and whether it failed.</summary>
public readonly record struct NodeTaskEnd(string Node, DateTimeOffset At, bool Failed);
