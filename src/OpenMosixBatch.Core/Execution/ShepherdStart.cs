namespace OpenMosixBatch.Core.Execution;

/// <summary>What a shepherd recorded once its job started: enough for a later rank to adopt it.</summary>
/// <param name="ShepherdPid">The shepherd's PID.</param>
/// <param name="ShepherdStartTicks">Its start time (clock ticks after boot), which tells it from a later process with its PID.</param>
/// <param name="JobPid">The job's PID (its session and process group).</param>
public readonly record struct ShepherdStart(int ShepherdPid, ulong ShepherdStartTicks, int JobPid);
